//! Commands for 考核 (issue 16): the indicator system and its versions, the score
//! table, manual scores, awards and criticism, rectification items and the
//! evaluation of county departments' outposts. As everywhere in the shell: take
//! the state, call one core function, map the error.

use gridledger_core::scores::{self, table};
use gridledger_core::store::recycle::Entry;

use crate::ctx;

/// The score table of `period` as a workbook (评分结果 and 各项指标).
#[gridledger_macros::command]
pub async fn export_score_xlsx<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    path: String,
    period: String,
) -> crate::CmdResult<()> {
    crate::write_xlsx(&app, path, move |c, path, today| {
        let t = table::score_table(c, &period, today)?;
        table::write_xlsx(c, path, &t, today)
    })
    .await
}

commands! {
    state;
    fn list_indicators() -> Vec<scores::Indicator> = state.read(scores::indicators);
    fn create_indicator(input: scores::IndicatorInput) -> scores::Indicator =
        state.write(|tx| scores::create_indicator(tx, &input));
    fn update_indicator(id: String, input: scores::IndicatorInput) -> scores::Indicator =
        state.write(|tx| scores::update_indicator(tx, &id, &input));
    fn delete_indicator(id: String) -> Entry = state.write(|tx| scores::delete_indicator(tx, &id));
    fn install_default_indicators() -> Vec<scores::Indicator> =
        state.write(scores::defaults::install);
    fn list_indicator_versions() -> Vec<scores::Version> = state.read(scores::versions);
    fn get_indicator_version(version: i64) -> scores::Version =
        state.read(|c| scores::version(c, version));
    fn score_table(period: String) -> table::ScoreTable =
        state.read(|c| table::score_table(c, &period, ctx().today()));
    fn list_manual_scores(period: String) -> Vec<scores::ManualScore> =
        state.read(|c| scores::manual_scores(c, &period));
    fn set_manual_score(input: scores::ManualScoreInput) -> scores::ManualScore =
        state.write(|tx| scores::set_manual_score(tx, &input));
    fn delete_manual_score(id: String) -> Entry =
        state.write(|tx| scores::delete_manual_score(tx, &id));
    fn list_assessment_results() -> Vec<scores::AssessmentResult> = state.read(scores::results);
    fn create_assessment_result(input: scores::AssessmentResultInput) -> scores::AssessmentResult =
        state.write(|tx| scores::create_result(tx, &input));
    fn update_assessment_result(
        id: String,
        input: scores::AssessmentResultInput,
    ) -> scores::AssessmentResult = state.write(|tx| scores::update_result(tx, &id, &input));
    fn delete_assessment_result(id: String) -> Entry =
        state.write(|tx| scores::delete_result(tx, &id));
    fn list_rectification_items() -> Vec<scores::RectificationItem> =
        state.read(scores::rectification_items);
    fn create_rectification_item(
        input: scores::RectificationItemInput,
    ) -> scores::RectificationItem =
        state.write(|tx| scores::create_rectification_item(tx, &input));
    fn update_rectification_item(
        id: String,
        input: scores::RectificationItemInput,
    ) -> scores::RectificationItem =
        state.write(|tx| scores::update_rectification_item(tx, &id, &input));
    fn delete_rectification_item(id: String) -> Entry =
        state.write(|tx| scores::delete_rectification_item(tx, &id));
    fn list_outpost_evaluations() -> Vec<scores::OutpostEvaluation> =
        state.read(scores::outpost_evaluations);
    fn create_outpost_evaluation(
        input: scores::OutpostEvaluationInput,
    ) -> scores::OutpostEvaluation =
        state.write(|tx| scores::create_outpost_evaluation(tx, &input));
    fn update_outpost_evaluation(
        id: String,
        input: scores::OutpostEvaluationInput,
    ) -> scores::OutpostEvaluation =
        state.write(|tx| scores::update_outpost_evaluation(tx, &id, &input));
    fn delete_outpost_evaluation(id: String) -> Entry =
        state.write(|tx| scores::delete_outpost_evaluation(tx, &id));
    fn list_received_outpost_evaluations() -> Vec<scores::ReceivedOutpost> =
        state.read(scores::received_outpost_evaluations);
}
