fn main() {
    std::process::exit(frontdesk::run());
}
