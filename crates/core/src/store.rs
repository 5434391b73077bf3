//! The store: catalogue, search and app pages, from the platform when it answers and from the
//! cache when it does not.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::Utc;
use cx_cache::CachedAppPage;
use cx_platform::appstore::{self, StoreQuery as PlatformQuery};

use crate::docs::{render_documentation, DocContext};
use crate::models::{AppCard, AppPage, Freshness, StoreQuery, StoreView};
use crate::search::CatalogueIndex;
use crate::{AppError, Core, ErrorCode, Session, StoreState};

/// The most cards one answer carries: more than anyone scrolls through; a search narrows it.
pub const MAX_CARDS: usize = 500;

impl Core {
    /// The store grid for `query`, from memory: instant, whether online or not. At most
    /// [`MAX_CARDS`] cards are answered; `matched` says how many there are in all.
    pub fn store(&self, query: &StoreQuery) -> Result<StoreView, AppError> {
        let session = self.current()?;
        let freshness = self.freshness(&session, "catalogue")?;
        let installed = self.install_counts(session.profile.id)?;
        let state = self.store.read().unwrap_or_else(|p| p.into_inner());

        let hits = state.index.search(&query.text, query.category.as_deref());
        let apps = hits
            .iter()
            .take(MAX_CARDS)
            .map(|app| AppCard {
                owned: state.owned.contains(&app.id),
                installed: installed.get(app.id.as_str()).copied().unwrap_or(0),
                app: (*app).clone(),
            })
            .collect();
        Ok(StoreView {
            apps,
            matched: hits.len() as u32,
            categories: state.index.categories().to_vec(),
            total: state.index.len() as u32,
            freshness,
        })
    }

    /// Fetches the catalogue, ownership and installs from the platform into the cache, then
    /// answers as [`Core::store`]. Offline, the cached store is answered, marked as such.
    pub async fn refresh_store(&self, query: &StoreQuery) -> Result<StoreView, AppError> {
        let session = self.current()?;
        let fetched = fetch_store(&session).await;
        session.note_reachability(&fetched);

        match fetched {
            Ok((apps, owned, installs)) => {
                let profile_id = session.profile.id;
                let installs = installs
                    .into_iter()
                    .map(|install| self.masked_for_cache(&session, install))
                    .collect::<Result<Vec<_>, _>>()?;
                let now = Utc::now();
                {
                    let mut cache = self.cache();
                    cache.replace_catalogue(profile_id, &apps, now)?;
                    cache.replace_installs(profile_id, &installs, now)?;
                    cache.replace_owned(profile_id, &owned)?;
                }
                let mut state = self.store.write().unwrap_or_else(|p| p.into_inner());
                *state = StoreState {
                    index: CatalogueIndex::new(apps),
                    owned: owned.into_iter().collect(),
                };
            }
            Err(error) if error.is_offline() => {
                tracing::info!(%error, "store refresh failed; answering from the cache")
            }
            Err(error) => return Err(error.into()),
        }
        self.store(query)
    }

    /// An app's page. Fetched afresh when the platform answers (and cached); otherwise the
    /// cached page, marked offline; with neither, an offline error.
    pub async fn app_page(&self, app_id: &str) -> Result<AppPage, AppError> {
        let session = self.current()?;
        let fetched = self.fetch_app_page(&session, app_id).await;
        session.note_reachability(&fetched);

        let profile_id = session.profile.id;
        let page = match fetched {
            Ok((page, owned)) => {
                self.cache().save_app_page(profile_id, &page)?;
                self.remember_owned(profile_id, &owned)?;
                page
            }
            Err(error) if error.is_offline() => {
                self.cache().app_page(profile_id, app_id)?.ok_or_else(|| {
                    AppError::new(
                        ErrorCode::Offline,
                        format!(
                            "{} This app's page was never opened while online, so there is no \
                             saved copy.",
                            crate::error::sentence(error.to_string())
                        ),
                    )
                })?
            }
            Err(error) => return Err(error.into()),
        };
        self.page_view(&session, page)
    }

    /// The page and, fetched alongside, the ids of the apps the account owns.
    pub(crate) async fn fetch_app_page(
        &self,
        session: &Session,
        app_id: &str,
    ) -> Result<(CachedAppPage, Vec<String>), cx_platform::PlatformError> {
        let client = &session.client;
        let (detail, versions, template, owned) = tokio::try_join!(
            appstore::app(client, app_id),
            appstore::versions(client, app_id),
            appstore::documentation(client, app_id),
            appstore::owned_app_ids(client),
        )?;
        let context = DocContext {
            app_name: &detail.summary.name,
            version: &detail.summary.latest_version,
            publisher: &detail.summary.publisher,
            account_name: session.account_name.as_deref(),
        };
        let documentation = template.map(|html| render_documentation(&html, &context));
        let page = CachedAppPage {
            app_id: app_id.to_owned(),
            description: detail.description,
            versions,
            documentation,
            owned: owned.contains(&detail.summary.id),
            fetched_at: Utc::now(),
        };
        Ok((page, owned))
    }

    fn page_view(&self, session: &Arc<Session>, page: CachedAppPage) -> Result<AppPage, AppError> {
        let app = self
            .store
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .index
            .get(&page.app_id)
            .cloned()
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, "That app is not in the store."))?;
        let installs = self
            .install_views(session)?
            .into_iter()
            .filter(|install| install.app_id == page.app_id)
            .collect();
        let offline = session.offline_notice();
        Ok(AppPage {
            app,
            description: page.description,
            versions: page.versions,
            documentation_html: page.documentation,
            owned: page.owned,
            installs,
            freshness: Freshness {
                synced_at: Some(page.fetched_at),
                offline: offline.is_some(),
                notice: offline,
            },
        })
    }

    /// Fills the in-memory catalogue from the cache, for a session just started.
    pub(crate) fn load_store_from_cache(&self) -> Result<(), AppError> {
        let session = self.current()?;
        let (apps, owned) = {
            let cache = self.cache();
            (
                cache.catalogue(session.profile.id)?,
                cache.owned(session.profile.id)?,
            )
        };
        let mut state = self.store.write().unwrap_or_else(|p| p.into_inner());
        *state = StoreState {
            index: CatalogueIndex::new(apps),
            owned: owned.into_iter().collect(),
        };
        Ok(())
    }

    fn remember_owned(&self, profile_id: i64, owned: &[String]) -> Result<(), AppError> {
        self.cache().replace_owned(profile_id, owned)?;
        let mut state = self.store.write().unwrap_or_else(|p| p.into_inner());
        state.owned = owned.iter().cloned().collect();
        Ok(())
    }

    pub(crate) fn freshness(&self, session: &Session, what: &str) -> Result<Freshness, AppError> {
        let offline = session.offline_notice();
        Ok(Freshness {
            synced_at: self.cache().synced_at(session.profile.id, what)?,
            offline: offline.is_some(),
            notice: offline,
        })
    }

    /// How many installs each app has.
    fn install_counts(&self, profile_id: i64) -> Result<HashMap<String, u32>, AppError> {
        let mut counts = HashMap::new();
        for install in self.cache().installs(profile_id)? {
            *counts.entry(install.app_id).or_default() += 1;
        }
        Ok(counts)
    }
}

type StoreFetch = (
    Vec<cx_platform::appstore::AppSummary>,
    Vec<String>,
    Vec<appstore::Install>,
);

async fn fetch_store(session: &Session) -> Result<StoreFetch, cx_platform::PlatformError> {
    let client = &session.client;
    let everything = PlatformQuery::default();
    let (apps, owned, installs) = tokio::try_join!(
        appstore::published_apps(client, &everything),
        appstore::owned_app_ids(client),
        appstore::installs(client),
    )?;
    let mut apps = apps;
    apps.sort_by_key(|app| app.name.to_lowercase());
    Ok((apps, owned, installs))
}
