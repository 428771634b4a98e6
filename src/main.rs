//! The `flashpoint` binary: the desktop app with no subcommand, the CLI otherwise.

fn main() -> std::process::ExitCode {
    flashpoint::cli::main()
}
