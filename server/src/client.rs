//! Who is asking: the client's address, as counted by the throttles and
//! rate limits. Behind a reverse proxy every request comes from the proxy,
//! so the address the proxy saw is read from `X-Forwarded-For`, but only
//! when the request came from a proxy named in `CONVENE_TRUSTED_PROXIES`:
//! anyone else could write any address there.

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use ipnet::IpNet;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// A list of addresses and networks, separated by commas or spaces:
    /// `127.0.0.1, 10.0.0.0/8, ::1`.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        list.split([',', ' '])
            .filter(|item| !item.is_empty())
            .map(|item| {
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!("{item:?} is not an address or a network such as 10.0.0.0/8")
                    })
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address: the peer's, or, from a trusted proxy, the
    /// nearest address in `X-Forwarded-For` that is not itself a trusted
    /// proxy (read from the right: the left end is whatever the client
    /// wrote).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        // An IPv4 peer of a dual-stack listener arrives as ::ffff:a.b.c.d,
        // which no IPv4 network contains: compare canonical forms.
        let peer = peer.to_canonical();
        let mut client = peer;
        if !self.trusts(peer) {
            return client;
        }
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect::<Vec<_>>();
        for hop in forwarded.iter().rev() {
            match hop.parse::<IpAddr>().map(|ip| ip.to_canonical()) {
                Ok(ip) => {
                    client = ip;
                    if !self.trusts(ip) {
                        break;
                    }
                }
                // Garbage: the address before it is the last one known.
                Err(_) => break,
            }
        }
        client
    }
}

/// The client's address, grouped as one party: an IPv6 address by its
/// /64 network (one subscriber's whole allocation), an IPv4 address as it
/// is. The key throttles and rate limits count under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Client(pub IpAddr);

impl Client {
    pub fn key(&self) -> String {
        match self.0 {
            IpAddr::V4(ip) => ip.to_string(),
            IpAddr::V6(ip) => match ip.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let s = ip.segments();
                    format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
                }
            },
        }
    }
}

/// A handler's `Client` argument: from the application's trusted proxies
/// (`AppState::proxies`) and the connection's peer address.
impl<S> FromRequestParts<S> for Client
where
    S: Send + Sync,
    TrustedProxies: FromRef<S>,
{
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .unwrap_or(IpAddr::from([127, 0, 0, 1]));
        Ok(Client(
            TrustedProxies::from_ref(state).client(peer, &parts.headers),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn forwarded(value: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", HeaderValue::from_static(value));
        h
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        let stranger: IpAddr = "203.0.113.9".parse().unwrap();
        // From the proxy: the address it saw.
        assert_eq!(
            proxies.client(proxy, &forwarded("198.51.100.7")),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
        // A client that writes its own header before the proxy appends:
        // the proxy's own entry (the right end) counts.
        assert_eq!(
            proxies.client(proxy, &forwarded("1.2.3.4, 198.51.100.7, 10.1.2.3")),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
        // Not from a proxy: the header means nothing.
        assert_eq!(proxies.client(stranger, &forwarded("1.2.3.4")), stranger);
        // Nothing trusted by default.
        assert_eq!(
            TrustedProxies::default().client(proxy, &forwarded("1.2.3.4")),
            proxy
        );
        // A dual-stack listener's IPv4 proxy.
        assert_eq!(
            proxies.client(
                "::ffff:10.1.2.3".parse().unwrap(),
                &forwarded("198.51.100.7")
            ),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.example").is_err());
    }

    #[test]
    fn ipv6_counts_by_its_64_network() {
        let a = Client("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = Client("2001:db8:1:2:bbbb::2".parse().unwrap());
        let c = Client("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(a.key(), b.key());
        assert_ne!(a.key(), c.key());
        assert_eq!(
            Client("::ffff:192.0.2.1".parse().unwrap()).key(),
            "192.0.2.1"
        );
    }
}
