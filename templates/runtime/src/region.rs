//! Regions: where a service runs.

use std::borrow::Cow;
use std::fmt;

/// A region by its id, such as `cn-north-4`.
///
/// A region is the same for every service; which regions a service runs in, and its endpoint in
/// each, is the service's [`ServiceInfo`](crate::ServiceInfo). Each service crate has a constant
/// for every region the official SDK knows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Region(Cow<'static, str>);

impl Region {
    /// A region by its id, known or not.
    pub fn new(id: impl Into<String>) -> Region {
        Region(Cow::Owned(id.into()))
    }

    /// A region whose id is known when compiling, for constants.
    pub const fn from_static(id: &'static str) -> Region {
        Region(Cow::Borrowed(id))
    }

    /// The region id, e.g. `cn-north-4`.
    pub fn id(&self) -> &str {
        &self.0
    }

    /// Whether the id can stand in a host name, as endpoint patterns put it:
    /// ASCII letters, digits and `-`, not empty.
    pub(crate) fn is_host_label(&self) -> bool {
        !self.0.is_empty()
            && self
                .0
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Region {
    fn from(id: &str) -> Self {
        Region::new(id)
    }
}

impl From<String> for Region {
    fn from(id: String) -> Self {
        Region::new(id)
    }
}

#[cfg(test)]
mod tests {
    use super::Region;

    #[test]
    fn regions_compare_by_id() {
        const NORTH: Region = Region::from_static("cn-north-4");
        assert_eq!(Region::new("cn-north-4"), NORTH);
        assert_eq!(NORTH.to_string(), "cn-north-4");
        assert!(NORTH.is_host_label());
        assert!(!Region::new("evil.com/x").is_host_label());
        assert!(!Region::new("").is_host_label());
    }
}
