//! What every generated string enum does besides naming its values: the macro that the
//! generated code calls once per enum, so that each enum's file holds only what is its own
//! (the values and their docs) and the behaviour is written and documented once.

/// Implements the string-enum behaviour for `$name`, an enum with a unit variant per known
/// value and `Unknown(String)` for any other, from its entries `Name; Variant = "value"; ...`: the known values, `as_str`, `From<&str>`,
/// `From<String>`, `FromStr`, `Display`, and serde as a JSON string that an unknown value
/// survives unchanged.
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum {
    ($name:ident; $($variant:ident = $value:literal;)*) => {
        impl $name {
            /// Every value this version of the crate knows, in the spec's order.
            pub const KNOWN_VALUES: &'static [&'static str] = &[$($value),*];

            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $value,)*
                    $name::Unknown(value) => value,
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => $name::$variant,)*
                    other => $name::Unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match $name::from(value.as_str()) {
                    $name::Unknown(_) => $name::Unknown(value),
                    known => known,
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok($name::from(value))
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <::std::string::String as $crate::__private::serde::Deserialize>::deserialize(
                    deserializer,
                )
                .map($name::from)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    enum Mode {
        Fast,
        Safe,
        Unknown(String),
    }

    crate::__string_enum! {
        Mode;
        Fast = "fast";
        Safe = "SAFE";
    }

    #[test]
    fn known_values_map_both_ways_and_unknown_ones_survive() {
        assert_eq!(Mode::KNOWN_VALUES, &["fast", "SAFE"]);
        assert_eq!(Mode::from("SAFE"), Mode::Safe);
        assert_eq!("fast".parse::<Mode>(), Ok(Mode::Fast));
        assert_eq!(
            Mode::from("slow".to_owned()),
            Mode::Unknown("slow".to_owned())
        );
        assert_eq!(Mode::Safe.to_string(), "SAFE");
        let decoded: Vec<Mode> = serde_json::from_str(r#"["fast", "slow"]"#).unwrap();
        assert_eq!(decoded, [Mode::Fast, Mode::Unknown("slow".to_owned())]);
        assert_eq!(
            serde_json::to_string(&decoded).unwrap(),
            r#"["fast","slow"]"#
        );
    }
}
