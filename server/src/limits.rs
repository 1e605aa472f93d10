//! The public registration form's rate limits, in this instance's memory:
//! each submission that would queue a verification email counts once per
//! client address (an IPv6 /64) and once overall. Without them the form is
//! a mail cannon: a hundred posts from one address in a few seconds queued
//! a hundred emails to a hundred strangers' addresses, each greeting them
//! with whatever name the sender typed.
//!
//! In memory rather than in the database: the form is the busiest write,
//! and a counter row per address would be one more write per registration
//! (and a hot row for the overall count). With several instances each
//! counts its own share, so the overall figure is per instance.

use crate::client::Client;
use governor::{DefaultDirectRateLimiter, DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::num::NonZeroU32;
use std::time::Duration;

/// How many addresses are remembered before the fully replenished ones
/// are forgotten; past twice that, during a flood from ever new addresses,
/// only the overall limit counts, so memory stays bounded.
const ADDRESSES_KEPT: usize = 50_000;

pub struct FormLimits {
    per_address: DefaultKeyedRateLimiter<String>,
    overall: DefaultDirectRateLimiter,
    /// Submissions counted, so that forgetting (a walk over every address)
    /// runs once in a thousand, not at every post.
    checks: std::sync::atomic::AtomicU32,
}

/// Why a submission must wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limited {
    /// Too many from this address.
    Address,
    /// Too many from everyone together.
    Overall,
}

impl FormLimits {
    /// `per_address` in 10 minutes from one address, `per_minute` from all.
    pub fn new(per_address: u32, per_minute: u32) -> FormLimits {
        let per_address = NonZeroU32::new(per_address).unwrap_or(NonZeroU32::MIN);
        let per_minute = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        let address_quota = Quota::with_period(Duration::from_secs(600) / per_address.get())
            .expect("a period above zero")
            .allow_burst(per_address);
        FormLimits {
            per_address: RateLimiter::keyed(address_quota),
            overall: RateLimiter::direct(Quota::per_minute(per_minute)),
            checks: std::sync::atomic::AtomicU32::new(0),
        }
    }

    /// Counts a submission from `client`: `Ok` when it may go on.
    pub fn check(&self, client: Client) -> Result<(), Limited> {
        let n = self
            .checks
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if n.is_multiple_of(1024) && self.per_address.len() > ADDRESSES_KEPT {
            self.per_address.retain_recent();
        }
        if self.per_address.len() <= 2 * ADDRESSES_KEPT
            && self.per_address.check_key(&client.key()).is_err()
        {
            return Err(Limited::Address);
        }
        self.overall.check().map_err(|_| Limited::Overall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_waits_while_another_goes_on() {
        let limits = FormLimits::new(3, 1000);
        let flood = Client("203.0.113.9".parse().unwrap());
        let other = Client("198.51.100.7".parse().unwrap());
        for _ in 0..3 {
            assert_eq!(limits.check(flood), Ok(()));
        }
        assert_eq!(limits.check(flood), Err(Limited::Address));
        assert_eq!(limits.check(other), Ok(()));
    }

    #[test]
    fn everyone_together_meets_the_overall_limit() {
        let limits = FormLimits::new(100, 5);
        let passed = (0..20u8)
            .filter(|i| limits.check(Client([10, 0, 0, *i].into())).is_ok())
            .count();
        assert_eq!(passed, 5);
    }
}
