//! A real SMTP server on loopback for the tests: aiosmtpd (from PyPI,
//! installed by scripts/setup) writing every message it accepts into a
//! Maildir. CONVENE_TEST_SMTP_PYTHON names the Python that has it.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct SmtpServer {
    pub port: u16,
    child: Option<Child>,
    maildir: tempfile::TempDir,
}

/// A loopback port nothing listens on (yet).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl SmtpServer {
    /// A server on a port of its own.
    pub fn start() -> SmtpServer {
        SmtpServer::start_on(free_port())
    }

    pub fn start_on(port: u16) -> SmtpServer {
        let maildir = tempfile::tempdir().unwrap();
        let mut server = SmtpServer {
            port,
            child: None,
            maildir,
        };
        server.resume();
        server
    }

    /// (Re)starts the server on its port, keeping its Maildir.
    pub fn resume(&mut self) {
        let python = std::env::var("CONVENE_TEST_SMTP_PYTHON").expect(
            "CONVENE_TEST_SMTP_PYTHON must name a Python with aiosmtpd (scripts/setup --test installs one in .tools/smtp)",
        );
        for sub in ["new", "cur", "tmp"] {
            std::fs::create_dir_all(self.maildir.path().join(sub)).unwrap();
        }
        let child = Command::new(python)
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{}", self.port),
            ])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(self.maildir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not start on port {}",
                self.port
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the server (an outage), keeping what it received.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received, as raw text.
    pub fn messages(&self) -> Vec<String> {
        let new: PathBuf = self.maildir.path().join("new");
        let mut files: Vec<_> = std::fs::read_dir(new)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A header's value in a raw message (first occurrence, unfolded).
pub fn header(message: &str, name: &str) -> Option<String> {
    let head = message
        .split("\r\n\r\n")
        .next()
        .unwrap_or(message)
        .split("\n\n")
        .next()
        .unwrap();
    let unfolded = head
        .replace("\r\n ", " ")
        .replace("\n ", " ")
        .replace("\r\n\t", " ");
    unfolded.lines().find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
    })
}
