//! Closing connections that stop making progress.
//!
//! axum's server sets no header-read timeout, and the request timeout only
//! starts once a request head is complete, so a client that opens a
//! connection and sends nothing, or half a request head, held it for good
//! (slowloris). Here every connection gets a deadline: once a request's
//! first byte arrives it must be answered within `period`, and a connection
//! idle after its last answer (or since it opened) is closed `period` later.
//! A request never runs into it: the request timeout answers it first.

use axum::serve::Listener;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, Sleep, sleep};

/// Accepts TCP connections with a [`Deadline`] each.
pub struct DeadlineListener {
    inner: TcpListener,
    period: Duration,
}

impl DeadlineListener {
    pub fn new(inner: TcpListener, period: Duration) -> Self {
        DeadlineListener { inner, period }
    }
}

impl Listener for DeadlineListener {
    type Io = Deadline<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (io, addr) = Listener::accept(&mut self.inner).await;
        (Deadline::new(io, self.period), addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// A connection that fails its reads and writes once its deadline passes.
pub struct Deadline<T> {
    io: T,
    period: Duration,
    deadline: Pin<Box<Sleep>>,
    /// Bytes arrived since the last answer: a request is under way.
    awaiting_answer: bool,
}

impl<T> Deadline<T> {
    fn new(io: T, period: Duration) -> Self {
        Deadline {
            io,
            period,
            deadline: Box::pin(sleep(period)),
            awaiting_answer: false,
        }
    }

    fn restart(&mut self) {
        self.deadline.as_mut().reset(Instant::now() + self.period);
    }

    fn expired(&mut self, cx: &mut Context<'_>) -> bool {
        self.deadline.as_mut().poll(cx).is_ready()
    }
}

fn timed_out() -> io::Error {
    io::Error::new(
        io::ErrorKind::TimedOut,
        "the connection made no progress in time",
    )
}

impl<T: AsyncRead + Unpin> AsyncRead for Deadline<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.expired(cx) {
            return Poll::Ready(Err(timed_out()));
        }
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.io).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            // The first byte of a request starts its time to an answer.
            if !this.awaiting_answer {
                this.awaiting_answer = true;
                this.restart();
            }
        }
        polled
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Deadline<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if this.expired(cx) {
            return Poll::Ready(Err(timed_out()));
        }
        let polled = Pin::new(&mut this.io).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            // An answer is going out: the next wait starts now.
            this.awaiting_answer = false;
            this.restart();
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}
