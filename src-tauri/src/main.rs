fn main() {
    gridledger_app::run()
}
