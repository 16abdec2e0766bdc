//! `ogp-archive`: the command line over the archive library (see `cli/`).

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    // Piped into `head` and the like, stop quietly when the reader goes away, as Unix tools
    // do, instead of panicking on the failed write (Rust ignores SIGPIPE by default).
    // SAFETY: setting a signal's disposition to the default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    cli::main()
}
