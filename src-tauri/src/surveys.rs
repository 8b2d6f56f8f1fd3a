//! Commands for questionnaires, their returned papers and phone call-backs (问卷与电话
//! 回访, 考核). As everywhere in the shell: take the state, call one core function,
//! map the error.

use gridledger_core::store::recycle::Entry;
use gridledger_core::surveys;
use tauri::State;

use crate::{ctx, AppState, CmdResult};

#[gridledger_macros::command]
pub async fn list_questionnaires(
    state: State<'_, AppState>,
) -> CmdResult<Vec<surveys::QuestionnaireView>> {
    state.read(surveys::questionnaires)
}

#[gridledger_macros::command]
pub async fn create_questionnaire(
    state: State<'_, AppState>,
    input: surveys::QuestionnaireInput,
) -> CmdResult<surveys::Questionnaire> {
    state.write(|tx| surveys::create_questionnaire(tx, &input))
}

#[gridledger_macros::command]
pub async fn update_questionnaire(
    state: State<'_, AppState>,
    id: String,
    input: surveys::QuestionnaireInput,
) -> CmdResult<surveys::Questionnaire> {
    state.write(|tx| surveys::update_questionnaire(tx, &id, &input))
}

#[gridledger_macros::command]
pub async fn delete_questionnaire(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| surveys::delete_questionnaire(tx, &id))
}

#[gridledger_macros::command]
pub async fn questionnaire_results(
    state: State<'_, AppState>,
    questionnaire_id: String,
) -> CmdResult<surveys::Results> {
    state.read(|c| surveys::results(c, &questionnaire_id))
}

#[gridledger_macros::command]
pub async fn list_questionnaire_responses(
    state: State<'_, AppState>,
    questionnaire_id: String,
    community_id: Option<String>,
) -> CmdResult<Vec<surveys::ResponseView>> {
    state.read(|c| surveys::responses(c, &questionnaire_id, community_id.as_deref()))
}

#[gridledger_macros::command]
pub async fn create_questionnaire_response(
    state: State<'_, AppState>,
    input: surveys::ResponseInput,
) -> CmdResult<surveys::QuestionnaireResponse> {
    state.write(|tx| surveys::create_response(tx, &input))
}

#[gridledger_macros::command]
pub async fn update_questionnaire_response(
    state: State<'_, AppState>,
    id: String,
    input: surveys::ResponseInput,
) -> CmdResult<surveys::QuestionnaireResponse> {
    state.write(|tx| surveys::update_response(tx, &id, &input))
}

#[gridledger_macros::command]
pub async fn delete_questionnaire_response(
    state: State<'_, AppState>,
    id: String,
) -> CmdResult<Entry> {
    state.write(|tx| surveys::delete_response(tx, &id))
}

#[gridledger_macros::command]
pub async fn list_callbacks(state: State<'_, AppState>) -> CmdResult<Vec<surveys::CallbackView>> {
    state.read(surveys::callbacks)
}

#[gridledger_macros::command]
pub async fn callback_summary(state: State<'_, AppState>) -> CmdResult<surveys::CallbackSummary> {
    let today = ctx().today();
    state.read(|c| surveys::callback_summary(c, today))
}

#[gridledger_macros::command]
pub async fn create_callback(
    state: State<'_, AppState>,
    input: surveys::CallbackInput,
) -> CmdResult<surveys::CallbackView> {
    state.write(|tx| surveys::create_callback(tx, &input))
}

#[gridledger_macros::command]
pub async fn update_callback(
    state: State<'_, AppState>,
    id: String,
    input: surveys::CallbackInput,
) -> CmdResult<surveys::CallbackView> {
    state.write(|tx| surveys::update_callback(tx, &id, &input))
}

#[gridledger_macros::command]
pub async fn delete_callback(state: State<'_, AppState>, id: String) -> CmdResult<Entry> {
    state.write(|tx| surveys::delete_callback(tx, &id))
}
