// The app's own commands. Listing them here makes tauri-build generate one
// `allow-<command>` permission each; capabilities/main-window.json grants exactly
// these and nothing else. Keep in step with `generate_handler!` in src/lib.rs
// (the `commands_and_capability_agree` test checks).
const COMMANDS: &[&str] = &[
    "app_status",
    "setup_office",
    "list_units",
    "create_unit",
    "update_unit",
    "move_unit",
    "delete_unit",
    "suggest_unit_code",
    "list_recycle_bin",
    "restore_recycled",
    "list_change_log",
    "list_backups",
    "backup_now",
    "restore_backup",
    "check_database",
    "people_options",
    "list_people",
    "get_person",
    "person_history",
    "create_person",
    "update_person",
    "delete_person",
    "reveal_person_field",
    "choose_open_file",
    "choose_save_file",
    "import_template",
    "import_preview",
    "import_commit",
    "import_cancel",
    "import_error_workbook",
    "export_people_xlsx",
    "list_business_grids",
    "create_business_grid",
    "update_business_grid",
    "delete_business_grid",
    "set_business_grid_mapping",
    "remove_business_grid_mapping",
    "business_grids_by_base_grid",
    "grid_coverage",
    "package_preview",
    "export_package",
    "choose_open_packages",
    "choose_folder",
    "receive_packages",
    "list_senders",
    "set_expected_office",
    "remove_expected_office",
    "set_late_days",
    "list_receipt_log",
    "report",
    "report_drill",
    "export_report_xlsx",
    "dashboard",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
