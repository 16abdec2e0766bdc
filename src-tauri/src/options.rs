//! The app's command-line options, parsed with clap like the `ogp-archive` command line's (the
//! archive folder is the same [`ArchiveArg`] there).

use std::path::PathBuf;

use clap::Parser;
use ogp_archive::ArchiveArg;

/// Command-line options: `--archive DIR` (else `$OGP_ARCHIVE_DIR` or the platform data
/// folder) and `--export-dir DIR` (else `$OGP_EXPORT_DIR`): when set, exports go there without
/// a save dialog (used by the end-to-end tests, which cannot drive native dialogs). Other
/// arguments (a desktop launcher's, a test driver's) are ignored.
#[derive(Clone, Debug, Default, PartialEq, Parser)]
#[command(no_binary_name = true, ignore_errors = true, disable_help_flag = true)]
pub struct Options {
    #[arg(long, value_name = "DIR")]
    pub archive: Option<PathBuf>,
    #[arg(long, value_name = "DIR")]
    pub export_dir: Option<PathBuf>,
}

impl Options {
    /// Parses the arguments after the program's name.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Options {
        let mut o = Options::try_parse_from(args).unwrap_or_default();
        // An empty value is no value, as an empty environment variable is.
        o.archive = o.archive.filter(|d| !d.as_os_str().is_empty());
        o.export_dir = o
            .export_dir
            .filter(|d| !d.as_os_str().is_empty())
            .or_else(|| {
                std::env::var_os("OGP_EXPORT_DIR")
                    .filter(|d| !d.is_empty())
                    .map(PathBuf::from)
            });
        o
    }

    /// The archive folder: the one given, else the default (see [`ArchiveArg::dir`]).
    pub fn archive_dir(&self) -> PathBuf {
        ArchiveArg {
            archive: self.archive.clone(),
        }
        .dir()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_from_args() {
        let o = Options::parse(args(&["--archive", "/tmp/a", "--export-dir=/tmp/e"]));
        assert_eq!(o.archive, Some(PathBuf::from("/tmp/a")));
        assert_eq!(o.export_dir, Some(PathBuf::from("/tmp/e")));
        let o = Options::parse(args(&["--archive=/x", "--unknown"]));
        assert_eq!(o.archive, Some(PathBuf::from("/x")));
    }
}
