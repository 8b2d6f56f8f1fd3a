//! Commands for 考核 (issue 16): the indicator system and its versions, the score
//! table, manual scores, awards and criticism, rectification items and the
//! evaluation of county departments' outposts. As everywhere in the shell: take
//! the state, call one core function, map the error.

use gridledger_core::scores::{self, table};
use gridledger_core::store::recycle::Entry;
use tauri::State;

use crate::{ctx, AppState, CmdResult};

#[gridledger_macros::command]
pub async fn list_indicators(state: State<'_, AppState>) -> CmdResult<Vec<scores::Indicator>> {
    state.read(scores::indicators)
}

#[gridledger_macros::command]
pub async fn create_indicator(
    state: State<'_, AppState>,
    input: scores::IndicatorInput,
) -> CmdResult<scores::Indicator> {
    state.write(|tx| scores::create_indicator(tx, &input))
}

#[gridledger_macros::command]
pub async fn update_indicator(
    state: State<'_, AppState>,
    id: String,
    input: scores::IndicatorInput,
) -> CmdResult<scores::Indicator> {
    state.write(|tx| scores::update_indicator(tx, &id, &input))
}

#[gridledger_macros::command]
pub async fn delete_indicator(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| scores::delete_indicator(tx, &id))
}

#[gridledger_macros::command]
pub async fn install_default_indicators(
    state: State<'_, AppState>,
) -> CmdResult<Vec<scores::Indicator>> {
    state.write(scores::defaults::install)
}

#[gridledger_macros::command]
pub async fn list_indicator_versions(
    state: State<'_, AppState>,
) -> CmdResult<Vec<scores::Version>> {
    state.read(scores::versions)
}

#[gridledger_macros::command]
pub async fn get_indicator_version(
    state: State<'_, AppState>,
    version: i64,
) -> CmdResult<scores::Version> {
    state.read(|c| scores::version(c, version))
}

#[gridledger_macros::command]
pub async fn score_table(
    state: State<'_, AppState>,
    period: String,
) -> CmdResult<table::ScoreTable> {
    state.read(|c| table::score_table(c, &period, ctx().today()))
}

#[gridledger_macros::command]
pub async fn list_manual_scores(
    state: State<'_, AppState>,
    period: String,
) -> CmdResult<Vec<scores::ManualScore>> {
    state.read(|c| scores::manual_scores(c, &period))
}

#[gridledger_macros::command]
pub async fn set_manual_score(
    state: State<'_, AppState>,
    input: scores::ManualScoreInput,
) -> CmdResult<scores::ManualScore> {
    state.write(|tx| scores::set_manual_score(tx, &input))
}

#[gridledger_macros::command]
pub async fn list_assessment_results(
    state: State<'_, AppState>,
) -> CmdResult<Vec<scores::AssessmentResult>> {
    state.read(scores::results)
}

#[gridledger_macros::command]
pub async fn create_assessment_result(
    state: State<'_, AppState>,
    input: scores::AssessmentResultInput,
) -> CmdResult<scores::AssessmentResult> {
    state.write(|tx| scores::create_result(tx, &input))
}

#[gridledger_macros::command]
pub async fn update_assessment_result(
    state: State<'_, AppState>,
    id: String,
    input: scores::AssessmentResultInput,
) -> CmdResult<scores::AssessmentResult> {
    state.write(|tx| scores::update_result(tx, &id, &input))
}

#[gridledger_macros::command]
pub async fn delete_assessment_result(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| scores::delete_result(tx, &id))
}

#[gridledger_macros::command]
pub async fn list_rectification_items(
    state: State<'_, AppState>,
) -> CmdResult<Vec<scores::RectificationItem>> {
    state.read(scores::rectification_items)
}

#[gridledger_macros::command]
pub async fn create_rectification_item(
    state: State<'_, AppState>,
    input: scores::RectificationItemInput,
) -> CmdResult<scores::RectificationItem> {
    state.write(|tx| scores::create_rectification_item(tx, &input))
}

#[gridledger_macros::command]
pub async fn update_rectification_item(
    state: State<'_, AppState>,
    id: String,
    input: scores::RectificationItemInput,
) -> CmdResult<scores::RectificationItem> {
    state.write(|tx| scores::update_rectification_item(tx, &id, &input))
}

#[gridledger_macros::command]
pub async fn delete_rectification_item(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| scores::delete_rectification_item(tx, &id))
}

#[gridledger_macros::command]
pub async fn list_outpost_evaluations(
    state: State<'_, AppState>,
) -> CmdResult<Vec<scores::OutpostEvaluation>> {
    state.read(scores::outpost_evaluations)
}

#[gridledger_macros::command]
pub async fn create_outpost_evaluation(
    state: State<'_, AppState>,
    input: scores::OutpostEvaluationInput,
) -> CmdResult<scores::OutpostEvaluation> {
    state.write(|tx| scores::create_outpost_evaluation(tx, &input))
}

#[gridledger_macros::command]
pub async fn update_outpost_evaluation(
    state: State<'_, AppState>,
    id: String,
    input: scores::OutpostEvaluationInput,
) -> CmdResult<scores::OutpostEvaluation> {
    state.write(|tx| scores::update_outpost_evaluation(tx, &id, &input))
}

#[gridledger_macros::command]
pub async fn delete_outpost_evaluation(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| scores::delete_outpost_evaluation(tx, &id))
}

#[gridledger_macros::command]
pub async fn list_received_outpost_evaluations(
    state: State<'_, AppState>,
) -> CmdResult<Vec<scores::ReceivedOutpost>> {
    state.read(scores::received_outpost_evaluations)
}
