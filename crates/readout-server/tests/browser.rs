//! The web page in a real browser: Debian's `chromium`, headless, driven through
//! `chromium-driver` (WebDriver) over the README examples' store.
//!
//! The test is skipped with a message where no driver is installed, unless
//! `READOUT_BROWSER_TESTS=require` (as `.ci/run` sets, after installing both) makes that a
//! failure. Screenshots go to `READOUT_SCREENSHOTS` (else a folder under the build's
//! target directory); `docs/serve.md` shows a set of them.

mod common;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{request, start};
use readout_server::ServeConfig;
use serde_json::{json, Value};

fn find(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// The driver and the browser, when both are installed.
fn browser() -> Option<(PathBuf, PathBuf)> {
    let driver = std::env::var_os("READOUT_CHROMEDRIVER")
        .map(PathBuf::from)
        .or_else(|| find(&["chromedriver"]))?;
    let chromium = std::env::var_os("READOUT_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| find(&["chromium", "chromium-browser"]))?;
    Some((driver, chromium))
}

/// A driver process; killed when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A WebDriver session.
struct Session {
    driver: SocketAddr,
    id: String,
}

impl Session {
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let target = format!("/session/{}{path}", self.id);
        let bytes = if method == "GET" {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        let r = request(
            self.driver,
            method,
            &target,
            &[("Content-Type", "application/json")],
            &bytes,
        );
        let value = r.json();
        assert_eq!(r.status, 200, "{method} {path}: {value}");
        value["value"].clone()
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
    }

    /// Runs a script in the page and returns its value.
    fn run(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": [] }),
        )
    }

    /// Waits until a script returns something truthy, and returns it.
    fn wait_for(&self, what: &str, script: &str) -> Value {
        let started = Instant::now();
        loop {
            let v = self.run(script);
            let truthy = !(v.is_null()
                || v == false
                || v == 0
                || v.as_str() == Some("")
                || v.as_array().is_some_and(|a| a.is_empty()));
            if truthy {
                return v;
            }
            if started.elapsed() > Duration::from_secs(20) {
                let page = self.run("return document.body.innerText.slice(0, 2000)");
                panic!("timed out waiting for {what}; the page shows: {page}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn elements(&self, css: &str) -> Vec<String> {
        let found = self.call(
            "POST",
            "/elements",
            json!({ "using": "css selector", "value": css }),
        );
        found
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e.as_object()?.values().next()?.as_str().map(String::from))
            .collect()
    }

    fn click(&self, element: &str) {
        self.call("POST", &format!("/element/{element}/click"), json!({}));
    }

    fn text(&self, element: &str) -> String {
        self.call("GET", &format!("/element/{element}/text"), json!({}))
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn screenshot(&self, dir: &Path, name: &str) {
        let data = self.call("GET", "/screenshot", json!({}));
        let png = base64(data.as_str().unwrap());
        assert!(png.starts_with(b"\x89PNG"));
        std::fs::write(dir.join(name), png).unwrap();
    }

    fn resize(&self, width: u32, height: u32) {
        self.call(
            "POST",
            "/window/rect",
            json!({ "width": width, "height": height }),
        );
    }
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for v in text.bytes().filter_map(value) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// The items of a page of the API.
fn items_of(page: &Value) -> &Vec<Value> {
    page["items"].as_array().expect("a page of items")
}

/// The relative luminance (0 black, 1 white) of a CSS colour `rgb(r, g, b)` or
/// `rgba(r, g, b, a)`, as WCAG defines it.
fn luminance(css: &str) -> f64 {
    let parts: Vec<f64> = css
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .take(3)
        .map(|p| p.trim().parse::<f64>().expect("a colour channel"))
        .collect();
    let linear = |c: f64| {
        let c = c / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(parts[0]) + 0.7152 * linear(parts[1]) + 0.0722 * linear(parts[2])
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn the_pages_in_a_real_browser() {
    let Some((driver_bin, chromium)) = browser() else {
        let required = std::env::var("READOUT_BROWSER_TESTS").is_ok_and(|v| v == "require");
        assert!(
            !required,
            "READOUT_BROWSER_TESTS=require, but chromedriver or chromium is not installed \
             (Debian: apt-get install chromium chromium-driver)"
        );
        eprintln!(
            "skipping the browser test: chromedriver or chromium is not installed \
             (Debian: apt-get install chromium chromium-driver)"
        );
        return;
    };
    let shots = std::env::var_os("READOUT_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-screenshots"));
    std::fs::create_dir_all(&shots).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let db = common::example_store(dir.path());
    let server = start(&db, ServeConfig::default(), None);
    let base = format!("http://{}", server.addr);

    let port = free_port();
    let _driver = Driver(
        Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let driver: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(driver).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let capabilities = json!({ "capabilities": { "alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--window-size=1200,1400"]
        }
    }}});
    let r = request(
        driver,
        "POST",
        "/session",
        &[("Content-Type", "application/json")],
        capabilities.to_string().as_bytes(),
    );
    let created = r.json();
    assert_eq!(r.status, 200, "new session: {created}");
    let session = Session {
        driver,
        id: created["value"]["sessionId"].as_str().unwrap().to_string(),
    };

    // The story list shows the call story, carried by three outlets.
    session.go(&format!("{base}/#/"));
    session.wait_for(
        "the story list",
        "return document.querySelectorAll('.story-link').length",
    );
    let links = session.elements(".story-link");
    let call = links
        .iter()
        .find(|l| session.text(l).contains("3 outlets"))
        .expect("a story of three outlets in the list")
        .clone();
    session.screenshot(&shots, "story-list.png");

    // Its page shows the call event with three mentions, and the quotations.
    session.click(&call);
    session.wait_for(
        "the story page",
        "return document.querySelectorAll('.mention').length",
    );
    let mentions = session.run(
        "const e = [...document.querySelectorAll('.event')].find(e => e.textContent.includes('CONSULT'));
         return e ? e.querySelectorAll('.mention').length : -1",
    );
    assert_eq!(mentions, 3, "the call event's mentions");
    let circles = session.run("return document.querySelectorAll('.event svg circle').length");
    assert!(circles.as_u64().unwrap() >= 3, "the time axis: {circles}");
    let quotes = session.elements(".quote-link");
    assert!(!quotes.is_empty(), "the story's quotations");
    session.screenshot(&shots, "story.png");

    // On a phone's width nothing scrolls sideways.
    session.resize(390, 844);
    let wide = session.run("return document.documentElement.scrollWidth - window.innerWidth");
    assert!(
        wide.as_i64().unwrap() <= 0,
        "the story page scrolls sideways by {wide}px"
    );
    session.screenshot(&shots, "story-phone.png");
    session.resize(1200, 1400);

    // Choosing a quotation opens its article with its span highlighted.
    let story_id = session.run("return location.hash.split('/')[2]");
    let story = common::get(
        server.addr,
        &format!("/api/stories/{}", story_id.as_str().unwrap()),
    )
    .json();
    let quote_links = session.run(
        "return [...document.querySelectorAll('.quote-link')].map(a => a.getAttribute('href'))",
    );
    // The first quotation of the article text (not of a headline).
    let (index, content) = quote_links
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .find_map(|(i, href)| {
            let href = href.as_str()?;
            let parts: Vec<&str> = href.trim_start_matches("#/article/").split('/').collect();
            let q = story["quotes"].as_array()?.iter().find(|q| {
                q["article_id"] == parts[0] && q["quote"] == parts.get(1).copied().unwrap_or("")
            })?;
            let record = common::get(server.addr, &format!("/api/articles/{}", parts[0])).json();
            let in_title = record["record"]["quotes"]
                .as_array()?
                .iter()
                .any(|r| r["id"] == q["quote"] && r["in_title"] == true);
            (!in_title).then(|| (i, q["content"].as_str().unwrap().to_string()))
        })
        .expect("a quotation of an article's text");
    session.click(&quotes[index]);
    session.wait_for(
        "the quotation chosen on the article page",
        "return document.querySelectorAll('.fact[aria-pressed=\"true\"]').length",
    );
    let highlighted = session.wait_for(
        "the highlighted span",
        "return [...document.querySelectorAll('.article-text .selected')].map(s => s.textContent).join('')",
    );
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        squash(highlighted.as_str().unwrap()).contains(&squash(&content)),
        "highlighted {highlighted:?}, the quotation is {content:?}"
    );
    session.screenshot(&shots, "article.png");

    // Choosing a highlighted name from the keyboard (WebDriver's Enter key on the
    // focused passage) lists the facts that cover it.
    let marked = session.elements(".article-text .seg.hl-entity[tabindex='0']");
    let first = marked.first().expect("a highlighted entity in the text");
    session.call(
        "POST",
        &format!("/element/{first}/value"),
        json!({ "text": "\u{E007}" }),
    );
    let listed = session.wait_for(
        "the facts of a passage",
        "const b = document.getElementById('span-facts'); return b && !b.hidden && b.textContent",
    );
    let covering = session.run("return document.querySelectorAll('.fact.covering').length");
    assert!(covering.as_u64().unwrap() >= 1, "{listed}");
    // An actor's page: its events and its counterparts, as a graph and as links. The
    // actor is the call's source as the story page links it.
    session.go(&format!("{base}/#/story/{}", story_id.as_str().unwrap()));
    let actor = session.wait_for(
        "the call's actors",
        "const e = [...document.querySelectorAll('.event')].find(e => e.textContent.includes('CONSULT'));
         const a = e && e.querySelector('.actors a');
         return a ? a.getAttribute('href') : ''",
    );
    session.go(&format!("{base}/{}", actor.as_str().unwrap()));
    session.wait_for(
        "the actor's counterparts",
        "return document.querySelectorAll('.counterparts a').length",
    );
    let graph = session.run("return document.querySelectorAll('svg.graph a').length");
    assert!(
        graph.as_u64().unwrap() >= 1,
        "the counterpart graph: {graph}"
    );
    let timeline = session.run("return document.querySelectorAll('.timeline li').length");
    assert!(
        timeline.as_u64().unwrap() >= 1,
        "the actor's timeline: {timeline}"
    );
    session.screenshot(&shots, "actor.png");

    // Search from the box: words typed and Enter pressed list the API's hits, with the
    // matched words marked. The word is taken from the call story's headline.
    let stories = common::get(server.addr, "/api/stories?limit=500").json();
    let headline = items_of(&stories)
        .iter()
        .find(|s| s["sources"] == 3)
        .and_then(|s| s["title"].as_str())
        .expect("the three-outlet story's headline")
        .to_string();
    let word = headline
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| w.len() >= 5)
        .expect("a word of five letters in the headline")
        .to_lowercase();
    let search = session.elements("#search");
    session.call(
        "POST",
        &format!("/element/{}/value", search[0]),
        json!({ "text": format!("{word}\u{E007}") }),
    );
    session.wait_for(
        "the search hits",
        "return document.querySelectorAll('.hits li').length",
    );
    assert_eq!(
        session.run("return location.hash"),
        format!("#/search/{word}")
    );
    let shown = session.run(
        "return [...document.querySelectorAll('.hits .hit-title')]
            .map(a => decodeURIComponent(a.getAttribute('href').slice('#/article/'.length)))",
    );
    let hits = common::get(server.addr, &format!("/api/search?q={word}&limit=20")).json();
    let expected: Vec<Value> = items_of(&hits).iter().map(|h| h["id"].clone()).collect();
    assert!(!expected.is_empty(), "the API finds {word:?}");
    assert_eq!(shown.as_array().unwrap(), &expected, "the hits of {word:?}");
    let marked = session.run("return document.querySelectorAll('.hits mark').length");
    assert!(marked.as_u64().unwrap() >= 1, "the matched words marked");
    session.screenshot(&shots, "search.png");

    // A reader who asks for a dark scheme gets light text on a dark page (Chrome's
    // DevTools protocol, through chromedriver, emulates the preference).
    session.call(
        "POST",
        "/goog/cdp/execute",
        json!({ "cmd": "Emulation.setEmulatedMedia", "params": {
            "features": [{ "name": "prefers-color-scheme", "value": "dark" }] } }),
    );
    session.go(&format!("{base}/#/story/{}", story_id.as_str().unwrap()));
    session.wait_for(
        "the story page, dark",
        "return document.querySelectorAll('.mention').length",
    );
    let colours = session.run(
        "const b = getComputedStyle(document.body);
         const m = getComputedStyle(document.querySelector('main') ?? document.body);
         return [b.backgroundColor, m.color]",
    );
    let [background, text] = [0, 1].map(|i| luminance(colours[i].as_str().unwrap()));
    assert!(
        background < 0.1 && text > 0.6,
        "dark scheme: background {} and text {}",
        colours[0],
        colours[1]
    );
    session.screenshot(&shots, "story-dark.png");

    session.call("DELETE", "", json!({}));
    eprintln!("screenshots in {}", shots.display());
}
