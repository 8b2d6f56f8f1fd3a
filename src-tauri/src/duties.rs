//! Commands for the three lists' items (履职事项, 目录三清单). As everywhere in the
//! shell: take the state, call one core function, map the error.

use gridledger_core::duties;
use gridledger_core::store::recycle::Entry;

commands! {
    state;
    fn list_duty_items() -> Vec<duties::DutyItemView> = state.read(duties::duty_items);
    fn create_duty_item(input: duties::DutyItemInput) -> duties::DutyItemView =
        state.write(|tx| duties::create_duty_item(tx, &input));
    fn update_duty_item(id: String, input: duties::DutyItemInput) -> duties::DutyItemView =
        state.write(|tx| duties::update_duty_item(tx, &id, &input));
    fn delete_duty_item(id: String) -> Entry = state.write(|tx| duties::delete_duty_item(tx, &id));
}

// ---------- versions of the lists and the catalogue ----------

use gridledger_core::duties::versions;

commands! {
    state;
    fn list_duty_list_versions() -> Vec<versions::VersionSummary> = state.read(versions::versions);
    fn duty_list_version(id: String) -> versions::DutyListVersion =
        state.read(|c| versions::version(c, &id));
    fn compare_duty_list_versions(from: String, to: String) -> versions::Diff =
        state.read(|c| versions::compare(c, &from, &to));
    fn pending_duty_list_changes(list: String) -> versions::Diff =
        state.read(|c| versions::pending_changes(c, duties::DutyList::parse(&list)?));
    fn publish_duty_list_version(input: versions::PublishInput) -> versions::VersionSummary =
        state.write(|tx| versions::publish(tx, &input));
    fn duty_catalogue() -> Vec<versions::CatalogueList> = state.read(versions::catalogue);
}
