//! Outcomes and exit statuses: what went wrong is either the user's to fix (a path, a
//! name, an argument) or ours (storage, a bug); a batch that refused some documents says so.

use std::process::ExitCode;

/// An error the user can fix: printed as one line, exit status [`EXIT_USER`].
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UserError(pub String);

impl UserError {
    pub fn new(msg: impl Into<String>) -> Self {
        UserError(msg.into())
    }
}

/// Everything went through.
pub const EXIT_OK: u8 = 0;
/// Internal failure: storage, I/O of our own files, a bug.
pub const EXIT_INTERNAL: u8 = 1;
/// The user's input was wrong (bad arguments, unknown name, unreadable database path).
pub const EXIT_USER: u8 = 2;
/// A batch finished, but some documents were refused (each said why on stderr).
pub const EXIT_REFUSED: u8 = 3;

/// Maps an error to its exit status: user errors are [`EXIT_USER`], the rest internal.
pub fn exit_code_for(err: &anyhow::Error) -> ExitCode {
    if err.chain().any(|e| e.downcast_ref::<UserError>().is_some() || is_user_store_error(e)) {
        ExitCode::from(EXIT_USER)
    } else {
        ExitCode::from(EXIT_INTERNAL)
    }
}

fn is_user_store_error(e: &(dyn std::error::Error + 'static)) -> bool {
    matches!(
        e.downcast_ref::<dossier_store::Error>(),
        Some(dossier_store::Error::SchemaTooNew { .. })
            | Some(dossier_store::Error::Open { .. })
            | Some(dossier_store::Error::CreateDir { .. })
    )
}
