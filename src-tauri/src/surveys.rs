//! Commands for questionnaires, their returned papers and phone call-backs (问卷与电话
//! 回访, 考核). As everywhere in the shell: take the state, call one core function,
//! map the error.

use gridledger_core::store::recycle::Entry;
use gridledger_core::surveys;

use crate::ctx;

commands! {
    state;
    fn list_questionnaires() -> Vec<surveys::QuestionnaireView> =
        state.read(surveys::questionnaires);
    fn create_questionnaire(input: surveys::QuestionnaireInput) -> surveys::Questionnaire =
        state.write(|tx| surveys::create_questionnaire(tx, &input));
    fn update_questionnaire(
        id: String,
        input: surveys::QuestionnaireInput,
    ) -> surveys::Questionnaire = state.write(|tx| surveys::update_questionnaire(tx, &id, &input));
    fn delete_questionnaire(id: String) -> Entry =
        state.write(|tx| surveys::delete_questionnaire(tx, &id));
    fn questionnaire_results(questionnaire_id: String) -> surveys::Results =
        state.read(|c| surveys::results(c, &questionnaire_id));
    fn list_questionnaire_responses(
        questionnaire_id: String,
        community_id: Option<String>,
    ) -> Vec<surveys::ResponseView> =
        state.read(|c| surveys::responses(c, &questionnaire_id, community_id.as_deref()));
    fn create_questionnaire_response(
        input: surveys::ResponseInput,
    ) -> surveys::QuestionnaireResponse = state.write(|tx| surveys::create_response(tx, &input));
    fn update_questionnaire_response(
        id: String,
        input: surveys::ResponseInput,
    ) -> surveys::QuestionnaireResponse =
        state.write(|tx| surveys::update_response(tx, &id, &input));
    fn delete_questionnaire_response(id: String) -> Entry =
        state.write(|tx| surveys::delete_response(tx, &id));
    fn list_callbacks() -> Vec<surveys::CallbackView> = state.read(surveys::callbacks);
    fn callback_summary(period: Option<String>) -> surveys::CallbackSummary = {
        let today = ctx().today();
        let period = period.unwrap_or_default();
        state.read(|c| surveys::callback_summary(c, &period, today))
    };
    fn create_callback(input: surveys::CallbackInput) -> surveys::CallbackView =
        state.write(|tx| surveys::create_callback(tx, &input));
    fn update_callback(id: String, input: surveys::CallbackInput) -> surveys::CallbackView =
        state.write(|tx| surveys::update_callback(tx, &id, &input));
    fn delete_callback(id: String) -> Entry = state.write(|tx| surveys::delete_callback(tx, &id));
}
