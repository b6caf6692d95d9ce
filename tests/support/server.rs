//! A minimal HTTP/1.1 server on 127.0.0.1 that records each request exactly as it arrived (the
//! raw request target, header order and body bytes) and answers from a queue of canned
//! responses. Writing it by hand, rather than using a mock library, keeps the request bytes
//! untouched by any URL or header normalisation.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The most connections one test server accepts, so that a runaway loop cannot spin forever.
const MAX_CONNECTIONS: usize = 1024;
/// The most requests answered on one connection (benchmarks send many on one).
const MAX_REQUESTS_PER_CONNECTION: usize = 1 << 16;
/// How long a connection may sit idle before the server drops it.
const IDLE_TIMEOUT: Duration = Duration::from_secs(10);

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct RecordedRequest {
    pub method: String,
    /// The request target exactly as on the request line: path and query, still encoded.
    pub target: String,
    /// Header names and values, in arrival order, names as sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The path part of the target.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// The query part of the target, without `?`.
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }

    /// The value of a header, by case-insensitive name. Panics if it appears more than once.
    pub fn header(&self, name: &str) -> Option<&str> {
        let mut values = self
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name));
        let first = values.next().map(|(_, v)| v.as_str());
        assert!(
            values.next().is_none(),
            "header {name} was sent more than once"
        );
        first
    }

    pub fn body_text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("the body is UTF-8")
    }
}

/// A response the server sends, or a way it misbehaves instead.
#[derive(Debug, Clone)]
pub struct CannedResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub behaviour: Behaviour,
}

/// How the server treats a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// Send the response.
    Answer,
    /// Read the request, then close the connection without a word.
    Close,
    /// Read the request, wait this long, then send the response.
    Stall(Duration),
    /// Answer 200 with a ListAsyncInvocations body whose one invocation's `request_id` is the
    /// request target, so a caller can tell its answer from another's.
    EchoTarget,
    /// Send the head at once, then the body one byte at a time, this long apart: each read
    /// arrives within any read timeout longer than that, yet the whole body takes its length
    /// times as long.
    Drip(Duration),
}

impl CannedResponse {
    pub fn json(status: u16, body: &str) -> Self {
        CannedResponse {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
            behaviour: Behaviour::Answer,
        }
    }

    /// A body of any media type.
    pub fn with_content_type(status: u16, content_type: &str, body: &[u8]) -> Self {
        CannedResponse {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.to_vec(),
            behaviour: Behaviour::Answer,
        }
    }

    /// Reads the request and hangs up.
    pub fn close() -> Self {
        CannedResponse {
            behaviour: Behaviour::Close,
            ..CannedResponse::json(200, "{}")
        }
    }

    /// Echoes each request's target; see [`Behaviour::EchoTarget`].
    pub fn echo_target() -> Self {
        CannedResponse {
            behaviour: Behaviour::EchoTarget,
            ..CannedResponse::json(200, "{}")
        }
    }

    /// Answers only after `delay`.
    pub fn stalled(mut self, delay: Duration) -> Self {
        self.behaviour = Behaviour::Stall(delay);
        self
    }

    /// Sends the body one byte at a time, `interval` apart; see [`Behaviour::Drip`].
    pub fn dripped(mut self, interval: Duration) -> Self {
        self.behaviour = Behaviour::Drip(interval);
        self
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

struct State {
    /// Whether requests are kept; benchmarks send too many to keep.
    recording: bool,
    requests: Vec<RecordedRequest>,
    responses: Vec<CannedResponse>,
    fallback: CannedResponse,
}

/// A loopback URL where nothing listens, so connections are refused.
pub fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let address = listener.local_addr().expect("a local address");
    drop(listener);
    format!("http://{address}")
}

/// The recording server. It stops when dropped.
pub struct TestServer {
    url: String,
    state: Arc<Mutex<State>>,
    /// How many connections were accepted.
    connections: Arc<AtomicUsize>,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    /// Starts a server that answers every request with `response`.
    pub async fn answering(response: CannedResponse) -> TestServer {
        Self::start(Vec::new(), response).await
    }

    /// Starts a server that answers with `responses` in order, then with the last one.
    pub async fn answering_in_order(mut responses: Vec<CannedResponse>) -> TestServer {
        let fallback = responses.last().cloned().expect("at least one response");
        responses.reverse();
        Self::start(responses, fallback).await
    }

    async fn start(responses: Vec<CannedResponse>, fallback: CannedResponse) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("a local address"));
        let state = Arc::new(Mutex::new(State {
            recording: true,
            requests: Vec::new(),
            responses,
            fallback,
        }));
        let shared = Arc::clone(&state);
        let connections = Arc::new(AtomicUsize::new(0));
        let accepted = Arc::clone(&connections);
        let task = tokio::spawn(async move {
            for _ in 0..MAX_CONNECTIONS {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                accepted.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve_connection(stream, Arc::clone(&shared)));
            }
        });
        TestServer {
            url,
            state,
            connections,
            task,
        }
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// How many connections the server has accepted.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// Stops keeping requests, for benchmarks, which send more than memory should hold.
    pub fn stop_recording(&self) {
        let mut state = self.state.lock().expect("server state");
        state.recording = false;
        state.requests.clear();
    }

    /// Answers every later request with `response`.
    pub fn set_response(&self, response: CannedResponse) {
        let mut state = self.state.lock().expect("server state");
        state.responses.clear();
        state.fallback = response;
    }

    /// Forgets the requests received so far, so that a long test keeps its memory bounded.
    pub fn clear_requests(&self) {
        self.state.lock().expect("server state").requests.clear();
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.lock().expect("server state").requests.clone()
    }

    /// The only request received. Panics if there was not exactly one.
    pub fn single_request(&self) -> RecordedRequest {
        let requests = self.requests();
        assert_eq!(
            requests.len(),
            1,
            "expected exactly one request, got {requests:#?}"
        );
        requests.into_iter().next().expect("one request")
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve_connection(mut stream: TcpStream, state: Arc<Mutex<State>>) {
    let mut buffer = Vec::with_capacity(8192);
    let mut encoded = Vec::with_capacity(1024);
    for answered in 1..=MAX_REQUESTS_PER_CONNECTION {
        let Some(framing) = read_request(&mut stream, &mut buffer).await else {
            return;
        };
        let mut response = {
            let mut state = state.lock().expect("server state");
            if state.recording {
                let Some(request) = framing.record(&buffer) else {
                    return;
                };
                state.requests.push(request);
            }
            let fallback = state.fallback.clone();
            state.responses.pop().unwrap_or(fallback)
        };
        match response.behaviour {
            Behaviour::Answer => {}
            Behaviour::Close => return,
            Behaviour::Stall(delay) => tokio::time::sleep(delay).await,
            Behaviour::Drip(interval) => {
                buffer.drain(..framing.end);
                drip(&mut stream, &response, interval).await;
                return;
            }
            Behaviour::EchoTarget => {
                let target = framing.target(&buffer);
                let body = serde_json::json!({"invocations": [{"request_id": target}], "count": 1});
                response.body = body.to_string().into_bytes();
            }
        }
        buffer.drain(..framing.end);
        // The last answer on a connection says so, so that the client does not reuse it.
        let last = answered == MAX_REQUESTS_PER_CONNECTION;
        encode_response(&response, last, &mut encoded);
        if stream.write_all(&encoded).await.is_err() {
            return;
        }
    }
}

/// Where one request lies at the start of the read buffer.
struct Framing {
    /// The length of the head, without the blank line that ends it.
    head_end: usize,
    /// Where the body starts.
    body_start: usize,
    /// Where the request ends, and the next one starts.
    end: usize,
}

impl Framing {
    /// The request target, from the request line.
    fn target(&self, buffer: &[u8]) -> String {
        let head = String::from_utf8_lossy(&buffer[..self.head_end]);
        head.split(' ').nth(1).unwrap_or_default().to_owned()
    }

    /// The request, copied out of the buffer. Parsing is only done for requests that are kept,
    /// so that the server spends as little as possible of a benchmark's time on each request.
    fn record(&self, buffer: &[u8]) -> Option<RecordedRequest> {
        let head = String::from_utf8_lossy(&buffer[..self.head_end]);
        let mut lines = head.split("\r\n");
        let mut request_line = lines.next()?.split(' ');
        let method = request_line.next()?.to_owned();
        let target = request_line.next()?.to_owned();
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.to_owned(), value.trim().to_owned()))
            .collect();
        Some(RecordedRequest {
            method,
            target,
            headers,
            body: buffer[self.body_start..self.end].to_vec(),
        })
    }
}

/// Reads until the buffer holds one whole request. `None` when the peer closed the connection,
/// went idle, or sent something that is not HTTP/1.1.
///
/// The head is parsed with httparse, as hyper parses it: a server this fast keeps the
/// benchmarks measuring the client rather than the server.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Framing> {
    let (body_start, length) = loop {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut request = httparse::Request::new(&mut headers);
        match request.parse(buffer).ok()? {
            httparse::Status::Complete(head_length) => {
                break (head_length, content_length(request.headers)?);
            }
            httparse::Status::Partial => read_more(stream, buffer).await?,
        }
    };
    let end = body_start + length;
    while buffer.len() < end {
        read_more(stream, buffer).await?;
    }
    Some(Framing {
        head_end: body_start - 4,
        body_start,
        end,
    })
}

async fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<()> {
    let mut chunk = [0u8; 8192];
    let read = tokio::time::timeout(IDLE_TIMEOUT, stream.read(&mut chunk))
        .await
        .ok()?
        .ok()?;
    if read == 0 {
        return None;
    }
    buffer.extend_from_slice(&chunk[..read]);
    Some(())
}

/// The `Content-Length` of a request; 0 when it has none, `None` when it does not parse.
fn content_length(headers: &[httparse::Header<'_>]) -> Option<usize> {
    match headers
        .iter()
        .find(|header| header.name.eq_ignore_ascii_case("content-length"))
    {
        Some(header) => std::str::from_utf8(header.value).ok()?.trim().parse().ok(),
        None => Some(0),
    }
}

/// Writes the head of `response`, then its body a byte at a time, and closes the connection.
/// It gives up as soon as the client hangs up.
async fn drip(stream: &mut TcpStream, response: &CannedResponse, interval: Duration) {
    let mut encoded = Vec::new();
    encode_response(response, true, &mut encoded);
    let head_length = encoded.len() - response.body.len();
    if stream.write_all(&encoded[..head_length]).await.is_err() {
        return;
    }
    for byte in &response.body {
        tokio::time::sleep(interval).await;
        if stream.write_all(std::slice::from_ref(byte)).await.is_err() {
            return;
        }
    }
}

fn encode_response(response: &CannedResponse, last: bool, out: &mut Vec<u8>) {
    use std::io::Write;
    out.clear();
    // Writing into a Vec cannot fail.
    let _ = write!(out, "HTTP/1.1 {} Canned\r\n", response.status);
    if last {
        out.extend_from_slice(b"Connection: close\r\n");
    }
    for (name, value) in &response.headers {
        let _ = write!(out, "{name}: {value}\r\n");
    }
    let _ = write!(out, "Content-Length: {}\r\n\r\n", response.body.len());
    out.extend_from_slice(&response.body);
}
