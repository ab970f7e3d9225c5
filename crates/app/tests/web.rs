//! The web application without a server: every route through `app(state).oneshot(...)`, the
//! 401s, a confidential document that only the token shows, a hostile document that must
//! render as inert text, and the stable error shape.

use std::path::Path;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use dossier::pipeline::{self, IngestOptions, Progress};
use dossier::web::{app, AppState};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

const TOKEN: &str = "correct horse battery staple";

/// A small collection of our own: one arrest told twice with two spellings and dates two
/// days apart, the same person in Cyrillic, a hostile page, and a confidential report.
fn fixture(dir: &Path) -> dossier_store::Store {
    let public = dir.join("public");
    std::fs::create_dir_all(&public).unwrap();
    std::fs::write(
        public.join("a_note.txt"),
        "Oil Workers Observer\n\nPublished 3 April 2021\n\n\
         Police detained trade union leader Anvar Kurbanaliyev in Shymkent on 20 March 2021. \
         On 15 June 2021 a court sentenced Anvar Kurbanaliyev to five years in prison.\n",
    )
    .unwrap();
    std::fs::write(
        public.join("b_bulletin.txt"),
        "Solidarity bulletin\n\nPublished 5 April 2021\n\n\
         Anvar Kurbanaliev, chair of the oil workers' union, was arrested on 22 March 2021 in Shymkent.\n",
    )
    .unwrap();
    std::fs::write(
        public.join("c_russian.txt"),
        "Бюллетень\n\nОпубликовано 6 апреля 2021\n\nАнвар Курбаналиев задержан в Шымкенте.\n",
    )
    .unwrap();
    std::fs::write(
        public.join("d_hostile.txt"),
        "Hostile page\n\nPublished 7 April 2021\n\n\
         <script>alert('owned')</script> <img src=x onerror=alert(2)> \
         <a href=\"javascript:alert(3)\">click</a> [more](javascript:alert(4)) \
         Police detained activist Zhanna Omarova in Almaty on 2 April 2021. <b>Bold</b> claims followed.\n",
    )
    .unwrap();
    let secret = dir.join("secret");
    std::fs::create_dir_all(&secret).unwrap();
    std::fs::write(
        secret.join("e_source.txt"),
        "Internal memo\n\nPublished 9 April 2021\n\n\
         Police detained the union organiser Timur Zhaksylykov in Aktau on 8 April 2021.\n",
    )
    .unwrap();
    let mut store = dossier_store::Store::open(&dir.join("web.db")).unwrap();
    let summary = pipeline::ingest(&mut store, &[public], &IngestOptions::default(), Progress::Quiet).unwrap();
    assert_eq!(summary.new, 4, "{summary:?}");
    let confidential = IngestOptions { confidential: true, ..IngestOptions::default() };
    let summary = pipeline::ingest(&mut store, &[secret], &confidential, Progress::Quiet).unwrap();
    assert_eq!(summary.new, 1, "{summary:?}");
    store
}

fn router(dir: &Path) -> Router {
    app(AppState::new(fixture(dir), Some(TOKEN), 1024 * 1024))
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

async fn send(app: &Router, req: Request<Body>) -> Reply {
    let response = app.clone().oneshot(req).await.expect("the router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("a body").to_bytes();
    Reply { status, headers, body: String::from_utf8(bytes.to_vec()).expect("UTF-8 body") }
}

async fn get(app: &Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn get_with_token(app: &Router, uri: &str, token: &str) -> Reply {
    let req = Request::get(uri).header(header::AUTHORIZATION, format!("Bearer {token}")).body(Body::empty()).unwrap();
    send(app, req).await
}

/// The id (`e3`) of the entity a name search finds first.
async fn entity_id(app: &Router, name: &str) -> String {
    let found = get(app, &format!("/api/entities?q={}", urlencode(name))).await.json();
    found["entities"][0]["id"].as_str().unwrap_or_else(|| panic!("no entity for {name}: {found:#}")).to_string()
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn every_page_renders_with_security_headers() {
    let tmp = tempfile::tempdir().unwrap();
    let app = router(tmp.path());
    let person = entity_id(&app, "Anvar Kurbanaliyev").await;
    let events = get(&app, "/api/events?type=arrest").await.json();
    let event = events["events"][0]["id"].as_str().expect("an arrest").to_string();
    let doc = events["events"][0]["sources"][0]["doc"].as_str().expect("a source").to_string();
    for uri in [
        "/".to_string(),
        format!("/entities/{person}"),
        format!("/events/{event}"),
        format!("/documents/{doc}"),
        "/conflicts".into(),
        "/conflicts?field=date&type=arrest".into(),
        "/search?q=Kurbanaliyev".into(),
        "/search?q=&type=arrest&from=2021&to=2021-12&place=Shymkent".into(),
        "/login".into(),
    ] {
        let r = get(&app, &uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        assert!(r.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"), "{uri}");
        let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), "{uri}: {csp}");
        assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert!(r.body.starts_with("<!DOCTYPE html>"), "{uri}");
    }
    let css = get(&app, "/static/app.css").await;
    assert!(css.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/css"));
    let js = get(&app, "/static/app.js").await;
    assert!(js.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/javascript"));
}

#[tokio::test]
async fn the_person_page_has_a_timeline_and_the_date_disagreement() {
    let tmp = tempfile::tempdir().unwrap();
    let app = router(tmp.path());
    let person = entity_id(&app, "Anvar Kurbanaliev").await;
    let page = get(&app, &format!("/entities/{person}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg class=\"timeline\""), "{}", page.body);
    assert!(page.body.contains("Sources disagree on the date"), "{}", page.body);
    assert!(page.body.contains("2021-03-20") && page.body.contains("2021-03-22"), "{}", page.body);
    assert!(page.body.contains("serving a sentence"), "{}", page.body);
    // The API says the same.
    let api = get(&app, &format!("/api/entities/{person}")).await.json();
    assert_eq!(api["status"]["custody"]["state"], "serving", "{api:#}");
    let arrest = api["timeline"].as_array().unwrap().iter().find(|e| e["type"] == "arrest").expect("an arrest");
    assert_eq!(arrest["conflicts"][0]["field"], "date", "{arrest:#}");
    assert!(arrest["sources"].as_array().unwrap().len() >= 2, "{arrest:#}");
}

#[tokio::test]
async fn every_api_route_answers_json() {
    let tmp = tempfile::tempdir().unwrap();
    let app = router(tmp.path());
    let person = entity_id(&app, "Kurbanaliyev").await;
    let events = get(&app, "/api/events").await.json();
    let event = events["events"][0]["id"].as_str().unwrap().to_string();
    for uri in [
        "/api/entities".to_string(),
        "/api/entities?kind=person".into(),
        format!("/api/entities/{person}"),
        "/api/events?type=sentence&from=2021&to=2021-06-30".into(),
        format!("/api/events?entity={person}"),
        format!("/api/events/{event}"),
        "/api/documents".into(),
        "/api/documents/d1".into(),
        "/api/conflicts".into(),
        "/api/search?q=Shymkent".into(),
        "/api/openapi.json".into(),
    ] {
        let r = get(&app, &uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.body);
        assert!(r.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("application/json"), "{uri}");
        r.json();
    }
    let docs = get(&app, "/api/documents").await.json();
    assert_eq!(docs["documents"][0]["published"], "2021-04-03", "the date the extractor read: {docs:#}");
    let sentences = get(&app, "/api/events?type=sentence").await.json();
    assert_eq!(sentences["events"][0]["term"], "P5Y", "{sentences:#}");
    let openapi = get(&app, "/api/openapi.json").await.json();
    assert_eq!(openapi["openapi"], "3.1.0");
}

#[tokio::test]
async fn errors_have_one_shape_and_no_internals() {
    let tmp = tempfile::tempdir().unwrap();
    let app = router(tmp.path());
    for (uri, status, code) in [
        ("/api/entities/e999999", StatusCode::NOT_FOUND, "not_found"),
        ("/api/events/v0", StatusCode::NOT_FOUND, "not_found"),
        ("/api/events/x1", StatusCode::NOT_FOUND, "not_found"),
        ("/api/documents/d999", StatusCode::NOT_FOUND, "not_found"),
        ("/api/no/such/thing", StatusCode::NOT_FOUND, "not_found"),
        ("/api/events?from=yesterday", StatusCode::BAD_REQUEST, "bad_request"),
        ("/api/events?type=picnic", StatusCode::BAD_REQUEST, "bad_request"),
        ("/api/entities?kind=animal", StatusCode::BAD_REQUEST, "bad_request"),
    ] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, status, "{uri}: {}", r.body);
        let v = r.json();
        assert_eq!(v["error"]["code"], code, "{uri}: {v}");
        assert_eq!(v["error"]["status"], status.as_u16(), "{uri}: {v}");
        assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{uri}: {v}");
        let lower = r.body.to_lowercase();
        assert!(
            !lower.contains("sqlite") && !lower.contains("panicked") && !lower.contains(".rs:"),
            "{uri}: {}",
            r.body
        );
    }
    let page = get(&app, "/entities/e999999").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("no entity e999999"), "{}", page.body);
    let page = get(&app, "/nowhere").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn writing_needs_the_token() {
    let tmp = tempfile::tempdir().unwrap();
    let app = router(tmp.path());
    let upload = |token: Option<&str>, name: &str, body: Vec<u8>| {
        let mut req = Request::builder().method(Method::POST).uri(format!("/api/documents?name={name}"));
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        req.body(Body::from(body)).unwrap()
    };
    let report = b"Workers' Bulletin\n\nPublished 1 May 2021\n\nPolice detained union member Dana Serikova in Atyrau on 30 April 2021.\n".to_vec();
    let r = send(&app, upload(None, "new.txt", report.clone())).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "unauthorized");
    assert_eq!(r.headers[header::WWW_AUTHENTICATE], "Bearer");
    let r = send(&app, upload(Some("wrong"), "new.txt", report.clone())).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    // Reading with a wrong token is refused too, not silently public.
    assert_eq!(get_with_token(&app, "/api/entities", "wrong").await.status, StatusCode::UNAUTHORIZED);

    let r = send(&app, upload(Some(TOKEN), "new.txt", report.clone())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["new"], true);
    let r = send(&app, upload(Some(TOKEN), "again.txt", report)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["new"], false);
    assert!(!get(&app, "/api/entities?q=Serikova").await.json()["entities"].as_array().unwrap().is_empty());

    let r = send(&app, upload(Some(TOKEN), "x.bin", vec![0, 159, 146, 150, 0, 1, 2, 3])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "refused");
    let r = send(&app, upload(Some(TOKEN), "big.txt", vec![b'a'; 2 * 1024 * 1024])).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "too_large");

    let judgement = |token: Option<&str>| {
        let mut req = Request::builder()
            .method(Method::POST)
            .uri("/api/judgements")
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        req.body(Body::from(r#"{"kind":"different","a":"Anvar Kurbanaliyev","b":"Anvar Kurbanaliev"}"#)).unwrap()
    };
    assert_eq!(send(&app, judgement(None)).await.status, StatusCode::UNAUTHORIZED);
    let r = send(&app, judgement(Some(TOKEN))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let a = entity_id(&app, "Anvar Kurbanaliyev").await;
    let b = entity_id(&app, "Anvar Kurbanaliev").await;
    assert_ne!(a, b, "the split judgement is applied");
}

#[tokio::test]
async fn a_server_without_a_token_is_read_only() {
    let tmp = tempfile::tempdir().unwrap();
    let app = app(AppState::new(fixture(tmp.path()), None, 1024 * 1024));
    let req = Request::post("/api/documents?name=a.txt")
        .header(header::AUTHORIZATION, "Bearer anything")
        .body(Body::from("Some report text about a strike."))
        .unwrap();
    let r = send(&app, req).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("without a token"));
}

#[tokio::test]
async fn a_confidential_document_is_seen_only_with_the_token() {
    let tmp = tempfile::tempdir().unwrap();
    let app = router(tmp.path());
    let public_docs = get(&app, "/api/documents").await.json();
    let all_docs = get_with_token(&app, "/api/documents", TOKEN).await.json();
    assert_eq!(public_docs["documents"].as_array().unwrap().len(), 4, "{public_docs:#}");
    assert_eq!(all_docs["documents"].as_array().unwrap().len(), 5, "{all_docs:#}");
    let secret = all_docs["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["confidential"] == true)
        .and_then(|d| d["id"].as_str())
        .expect("the confidential document")
        .to_string();

    // Pages, API, search and names: nothing of it without the token.
    assert_eq!(get(&app, &format!("/documents/{secret}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, &format!("/api/documents/{secret}")).await.status, StatusCode::NOT_FOUND);
    for uri in ["/api/search?q=Zhaksylykov", "/api/search?q=memo", "/api/search?q=Aktau"] {
        let found = get(&app, uri).await.json();
        for list in ["entities", "events", "documents"] {
            assert!(found[list].as_array().unwrap().is_empty(), "{uri}: {found:#}");
        }
    }
    let names = get(&app, "/api/entities?q=Zhaksylykov").await.json();
    assert!(names["entities"].as_array().unwrap().is_empty(), "{names:#}");
    let page = get(&app, "/search?q=Zhaksylykov").await.body;
    assert!(page.contains("Names (0)") && page.contains("Reports (0)"), "{page}");
    for uri in ["/", "/conflicts", "/api/entities", "/api/events", "/api/conflicts"] {
        let body = get(&app, uri).await.body;
        assert!(!body.contains("Zhaksylykov") && !body.contains("Aktau"), "{uri} leaks the confidential document");
    }

    // With the token, in the API and (by cookie) in pages.
    let r = get_with_token(&app, &format!("/api/documents/{secret}"), TOKEN).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Zhaksylykov"));
    let found = get_with_token(&app, "/api/search?q=Zhaksylykov", TOKEN).await.json();
    assert!(!found["entities"].as_array().unwrap().is_empty(), "{found:#}");
    assert!(!found["documents"].as_array().unwrap().is_empty(), "{found:#}");
    let cookie = login_cookie(&app).await;
    let req = Request::get(format!("/documents/{secret}")).header(header::COOKIE, cookie).body(Body::empty()).unwrap();
    let page = send(&app, req).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Zhaksylykov") && page.body.contains("confidential"));
}

#[tokio::test]
async fn a_hostile_document_renders_as_inert_text() {
    let tmp = tempfile::tempdir().unwrap();
    let app = router(tmp.path());
    let docs = get(&app, "/api/documents").await.json();
    let hostile = docs["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("d_hostile.txt"))
        .and_then(|d| d["id"].as_str())
        .unwrap()
        .to_string();
    let api = get(&app, &format!("/api/documents/{hostile}")).await.json();
    assert!(api["text"].as_str().unwrap().contains("<script>alert('owned')</script>"), "stored as written");
    let person = entity_id(&app, "Omarova").await;
    let event = get(&app, &format!("/api/events?entity={person}")).await.json();
    let event = event["events"][0]["id"].as_str().expect("the detention").to_string();
    for uri in [
        format!("/documents/{hostile}"),
        format!("/events/{event}"),
        format!("/entities/{person}"),
        "/".into(),
        "/search?q=alert".into(),
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E".into(),
    ] {
        let r = get(&app, &uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        let body = r.body.to_lowercase();
        assert!(!body.contains("<script>alert"), "{uri}: a live script");
        assert!(!body.contains("<img src=x"), "{uri}: a live image");
        assert!(!body.contains("href=\"javascript:"), "{uri}: a live javascript: link");
        assert!(!body.contains("<b>bold"), "{uri}: live markup");
        // The only script is the app's own file.
        assert_eq!(body.matches("<script").count(), 1, "{uri}");
    }
    let page = get(&app, &format!("/documents/{hostile}")).await;
    assert!(page.body.contains("&lt;script&gt;alert('owned')&lt;/script&gt;"), "{}", page.body);
}

#[tokio::test]
async fn search_is_insensitive_to_spelling_and_script() {
    let tmp = tempfile::tempdir().unwrap();
    let app = router(tmp.path());
    let by_latin = get(&app, "/api/search?q=Kurbanaliyev").await.json();
    let by_other = get(&app, "/api/search?q=Kurbanaliev").await.json();
    let by_cyrillic = get(&app, &format!("/api/search?q={}", urlencode("Курбаналиев"))).await.json();
    let first = |v: &Value| v["entities"][0]["id"].as_str().map(str::to_string);
    assert!(first(&by_latin).is_some(), "{by_latin:#}");
    assert_eq!(first(&by_latin), first(&by_other));
    assert_eq!(first(&by_latin), first(&by_cyrillic));
    // The text search finds the reports of every spelling and script.
    let docs = |v: &Value| v["documents"].as_array().unwrap().len();
    assert_eq!(docs(&by_latin), 3, "{by_latin:#}");
    assert_eq!(docs(&by_cyrillic), 3, "{by_cyrillic:#}");
    // Filters narrow the events.
    let arrests = get(&app, "/api/search?q=Kurbanaliyev&type=arrest").await.json();
    assert!(arrests["events"].as_array().unwrap().iter().all(|e| e["type"] == "arrest"), "{arrests:#}");
    assert!(!arrests["events"].as_array().unwrap().is_empty(), "{arrests:#}");
    let none = get(&app, "/api/search?q=Kurbanaliyev&from=2022").await.json();
    assert!(none["events"].as_array().unwrap().is_empty(), "{none:#}");
}

#[tokio::test]
async fn a_passage_link_points_at_an_anchor_in_the_document() {
    let tmp = tempfile::tempdir().unwrap();
    let app = router(tmp.path());
    let events = get(&app, "/api/events?type=sentence").await.json();
    let href = events["events"][0]["sources"][0]["href"].as_str().expect("a source link").to_string();
    let (path, anchor) = href.split_once('#').expect("a fragment");
    let page = get(&app, path).await;
    assert!(page.body.contains(&format!("id=\"{anchor}\"")), "{anchor} not in {}", page.body);
    assert!(page.body.contains(&format!("data-p=\"{anchor}\"")), "{anchor} not marked in {}", page.body);
}

/// Logs in through the form and returns the cookie it sets (`name=value`).
async fn login_cookie(app: &Router) -> String {
    let req = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("token={}", urlencode(TOKEN))))
        .unwrap();
    let r = send(app, req).await;
    let set = r.headers[header::SET_COOKIE].to_str().unwrap();
    set.split(';').next().unwrap().to_string()
}

#[tokio::test]
async fn the_login_form_sets_a_cookie_only_for_the_right_token() {
    let tmp = tempfile::tempdir().unwrap();
    let app = router(tmp.path());
    let form = |t: &str| {
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("token={}", urlencode(t))))
            .unwrap()
    };
    let bad = send(&app, form("nope")).await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert!(bad.headers.get(header::SET_COOKIE).is_none());
    let good = send(&app, form(TOKEN)).await;
    assert_eq!(good.status, StatusCode::SEE_OTHER);
    let cookie = good.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(!cookie.contains("horse"), "the token itself is not stored in the browser: {cookie}");
    let forged = Request::get("/api/documents")
        .header(header::COOKIE, format!("dossier_token={}", "0".repeat(64)))
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, forged).await.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn token_holders_upload_and_judge_from_the_browser() {
    let tmp = tempfile::tempdir().unwrap();
    let app = router(tmp.path());
    let boundary = "XdossierX";
    let multipart = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/new.txt\"\r\n\
         Content-Type: text/plain\r\n\r\nUnion bulletin\n\nPublished 2 May 2021\n\n\
         Police detained union member Olzhas Nurlanov in Atyrau on 1 May 2021.\n\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"confidential\"\r\n\r\n1\r\n--{boundary}--\r\n"
    );
    let upload = |cookie: Option<&str>| {
        let mut req = Request::post("/documents")
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"));
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        req.body(Body::from(multipart.clone())).unwrap()
    };
    assert_eq!(send(&app, upload(None)).await.status, StatusCode::UNAUTHORIZED);
    let cookie = login_cookie(&app).await;
    let r = send(&app, upload(Some(&cookie))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let location = r.headers[header::LOCATION].to_str().unwrap().to_string();
    assert!(location.starts_with("/documents/d"), "{location}");
    let doc = get_with_token(&app, &format!("/api{location}"), TOKEN).await.json();
    assert_eq!(doc["confidential"], true, "{doc:#}");
    assert_eq!(doc["path"], "upload/new.txt", "only the file name is kept: {doc:#}");
    assert_eq!(get(&app, &location).await.status, StatusCode::NOT_FOUND, "confidential upload shown to the public");

    // The entity page offers the judgement form to token holders only.
    let person = entity_id(&app, "Anvar Kurbanaliyev").await;
    let with = send(
        &app,
        Request::get(format!("/entities/{person}")).header(header::COOKIE, &cookie).body(Body::empty()).unwrap(),
    )
    .await;
    assert!(with.body.contains("action=\"/judgements\""));
    assert!(!get(&app, &format!("/entities/{person}")).await.body.contains("action=\"/judgements\""));
    let judge = |cookie: Option<&str>| {
        let mut req = Request::post("/judgements").header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        req.body(Body::from("kind=different&a=Anvar+Kurbanaliyev&b=Anvar+Kurbanaliev")).unwrap()
    };
    assert_eq!(send(&app, judge(None)).await.status, StatusCode::UNAUTHORIZED);
    let r = send(&app, judge(Some(&cookie))).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_ne!(entity_id(&app, "Anvar Kurbanaliyev").await, entity_id(&app, "Anvar Kurbanaliev").await);
}
