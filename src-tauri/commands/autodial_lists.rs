//! Auto Dial's Set Numbers page: thin commands over `cx_autodial::lists` and `cx_numbers`.
//!
//! Files are passed as paths (from the native dialog, or dropped on the window), never as bytes
//! through the IPC, so a million-line file costs the UI nothing. Reading and saving run on a
//! blocking thread; saving reports its progress through a `tauri::ipc::Channel`. The native
//! dialogs are opened from here, so the window needs no dialog permission of its own.

use std::path::PathBuf;

use cx_autodial::lists::{
    self, ListError, ListInfo, ListPreview, ListSource, Owner, ProblemPage, Progress, ReadError,
    ReadOptions,
};
use cx_core::{AppError, ErrorCode};
use tauri::ipc::Channel;
use tauri::State;
use tauri_plugin_dialog::DialogExt;

use super::{logged, Answer};
use crate::AppState;

/// Problems shown with the summary before saving.
const PREVIEW_PROBLEMS: usize = 50;

fn owner(state: &AppState, install_id: String) -> Answer<(Owner, PathBuf)> {
    let core = state.core()?;
    let profile_id = core.platform()?.profile_id;
    Ok((
        Owner {
            profile_id,
            install_id,
        },
        core.data_dir().to_owned(),
    ))
}

fn database(data_dir: &std::path::Path) -> Answer<lists::Connection> {
    cx_autodial::db::open(data_dir).map_err(|e| {
        AppError::new(
            ErrorCode::Database,
            format!("The lists database could not open: {e}."),
        )
    })
}

fn list_error(error: ListError) -> AppError {
    let code = match &error {
        ListError::Read(ReadError::Sink(_)) | ListError::Database(_) => ErrorCode::Database,
        ListError::Read(ReadError::File(_)) | ListError::Write(_) => ErrorCode::InvalidInput,
        ListError::Read(_) => ErrorCode::InvalidInput,
        ListError::NotFound(_) => ErrorCode::NotFound,
    };
    let message = error.to_string();
    let mut first = message.chars();
    let message = first
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(first).collect());
    AppError::new(code, format!("{message}."))
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Answer<T> + Send + 'static,
) -> Answer<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, format!("The work stopped: {e}.")))?
}

/// The summary of a list before it is saved, or the columns to choose from.
#[tauri::command(rename_all = "snake_case")]
pub async fn autodial_list_preview(
    source: ListSource,
    options: ReadOptions,
) -> Answer<ListPreview> {
    let answer =
        blocking(move || lists::preview(&source, &options, PREVIEW_PROBLEMS).map_err(list_error));
    logged("autodial_list_preview", answer.await)
}

/// Saves a list (all or nothing), reporting progress on `on_progress`.
#[tauri::command(rename_all = "snake_case")]
pub async fn autodial_list_save(
    state: State<'_, AppState>,
    install_id: String,
    name: String,
    source: ListSource,
    options: ReadOptions,
    on_progress: Channel<Progress>,
) -> Answer<ListInfo> {
    let answer = async {
        let (owner, data_dir) = owner(&state, install_id)?;
        let name = if name.trim().is_empty() {
            source.label()
        } else {
            name.trim().to_owned()
        };
        blocking(move || {
            let mut db = database(&data_dir)?;
            let mut report = |progress: Progress| {
                let _ = on_progress.send(progress);
            };
            let label = source.label();
            let saved = lists::import(
                &mut db,
                &owner,
                &name,
                &label,
                source.input(),
                &options,
                &mut report,
            );
            saved.map(|(info, _)| info).map_err(list_error)
        })
        .await
    };
    logged("autodial_list_save", answer.await)
}

/// The saved lists of an install, newest first.
#[tauri::command(rename_all = "snake_case")]
pub fn autodial_lists(state: State<'_, AppState>, install_id: String) -> Answer<Vec<ListInfo>> {
    let answer = owner(&state, install_id)
        .and_then(|(owner, dir)| lists::lists(&database(&dir)?, &owner).map_err(list_error));
    logged("autodial_lists", answer)
}

/// A page of a saved list's problems.
#[tauri::command(rename_all = "snake_case")]
pub fn autodial_list_problems(
    state: State<'_, AppState>,
    install_id: String,
    list_id: i64,
    offset: u64,
    limit: u64,
) -> Answer<ProblemPage> {
    let answer = owner(&state, install_id).and_then(|(owner, dir)| {
        lists::problems(&database(&dir)?, &owner, list_id, offset, limit.min(500))
            .map_err(list_error)
    });
    logged("autodial_list_problems", answer)
}

/// Deletes a saved list.
#[tauri::command(rename_all = "snake_case")]
pub fn autodial_list_delete(
    state: State<'_, AppState>,
    install_id: String,
    list_id: i64,
) -> Answer<()> {
    let answer = owner(&state, install_id).and_then(|(owner, dir)| {
        lists::delete(&database(&dir)?, &owner, list_id).map_err(list_error)
    });
    logged("autodial_list_delete", answer)
}

/// Asks where to save the rejected lines (of a saved list, or of the list being previewed) and
/// writes them there. Answers the path written, or `None` when the user cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn autodial_list_export_rejected(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    install_id: String,
    list_id: Option<i64>,
    source: Option<ListSource>,
    options: Option<ReadOptions>,
) -> Answer<Option<String>> {
    let answer = async {
        let (owner, dir) = owner(&state, install_id)?;
        let Some(path) = pick_save_path(&app).await else {
            return Ok(None);
        };
        let written = path.clone();
        blocking(move || {
            let options = options.unwrap_or_default();
            let result = match (list_id, &source) {
                (Some(id), _) => lists::export_rejected_to(&database(&dir)?, &owner, id, &path),
                (None, Some(source)) => lists::export_rejected_of(source.input(), &options, &path),
                (None, None) => {
                    return Err(AppError::new(ErrorCode::InvalidInput, "Nothing to export."))
                }
            };
            result.map_err(list_error)
        })
        .await?;
        Ok(Some(written.display().to_string()))
    };
    logged("autodial_list_export_rejected", answer.await)
}

/// A path the webview names for a file to write: it must be the full path of a new `.csv`
/// file, so this command can never overwrite anything or write another kind of file.
fn new_csv_file(path: &str) -> Answer<PathBuf> {
    let path = PathBuf::from(path);
    let is_csv = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"));
    if !path.is_absolute() || !is_csv {
        return Err(AppError::invalid(vec![cx_core::FieldError {
            field: "path".into(),
            message: "Give the full path of a new .csv file.".into(),
        }]));
    }
    if path.exists() {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("{} already exists: choose another name.", path.display()),
        ));
    }
    Ok(path)
}

/// Writes the rejected lines to a path chosen beforehand (used by tests and by drag-and-drop
/// flows where the user already named the file): only a new `.csv` file.
#[tauri::command(rename_all = "snake_case")]
pub async fn autodial_list_export_rejected_to(
    state: State<'_, AppState>,
    install_id: String,
    list_id: i64,
    path: String,
) -> Answer<u64> {
    let answer = async {
        let (owner, dir) = owner(&state, install_id)?;
        let path = new_csv_file(&path)?;
        blocking(move || {
            lists::export_rejected_to(&database(&dir)?, &owner, list_id, &path).map_err(list_error)
        })
        .await
    };
    logged("autodial_list_export_rejected_to", answer.await)
}

/// The native "open file" dialog for lists; answers the path, or `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn autodial_list_pick_file(app: tauri::AppHandle) -> Answer<Option<String>> {
    let (send, receive) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter("Number lists", &["txt", "csv", "tsv", "xlsx", "xls", "ods"])
        .pick_file(move |picked| {
            let _ = send.send(picked.and_then(|p| p.into_path().ok()));
        });
    let picked = receive.await.ok().flatten();
    Ok(picked.map(|p| p.display().to_string()))
}

async fn pick_save_path(app: &tauri::AppHandle) -> Option<PathBuf> {
    let (send, receive) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .add_filter("CSV", &["csv"])
        .set_file_name("rejected-lines.csv")
        .save_file(move |picked| {
            let _ = send.send(picked.and_then(|p| p.into_path().ok()));
        });
    receive.await.ok().flatten()
}
