//! One declaration for the small enums stored as text (statuses, kinds, levels):
//! [`labelled_enum!`] writes the enum with its serde names, `ALL`, `as_str`,
//! `label`, `find` and `parse` from one line per variant, so the stored string, the
//! Chinese label and the words an import accepts cannot drift apart.

/// Declares a fieldless enum stored as text.
///
/// ```ignore
/// labelled_enum! {
///     /// A project's status.
///     #[derive(PartialOrd, Ord)]
///     pub enum ProjectStatus: "status", "项目状态" {
///         Open("open", "待认领"),
///         Claimed("claimed", "已认领", "认领"),
///     }
/// }
/// ```
///
/// Each variant gives its stored string (serde name and `as_str`), its label, then
/// any other words `parse` accepts. `ALL` lists the variants in declaration order
/// (which is also their order for a derived `Ord`). With `: "field", "what"` after
/// the name, `parse` returns a `Result` whose error names the field and lists the
/// labels; without it, `parse` returns an `Option`.
macro_rules! labelled_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $field:literal, $what:literal {
            $( $(#[$vmeta:meta])* $variant:ident ( $key:literal, $label:literal $(, $alias:literal)* $(,)? ) ),+ $(,)?
        }
    ) => {
        $crate::base::enums::labelled_enum! {
            @enum $(#[$meta])* $vis enum $name { $( $(#[$vmeta])* $variant ( $key, $label $(, $alias)* ) ),+ }
        }
        impl $name {
            /// By stored string, label or another accepted word (trimmed); the error
            /// names the field and lists the labels.
            pub fn parse(s: &str) -> $crate::base::error::Result<$name> {
                $name::find(s).ok_or_else(|| {
                    let s = s.trim();
                    $crate::base::error::Error::validation(
                        $field,
                        if s.is_empty() {
                            format!("请填写{}（可选：{}）。", $what, $name::labels())
                        } else {
                            format!("{}“{}”无法识别，可填：{}。", $what, s, $name::labels())
                        },
                    )
                })
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident ( $key:literal, $label:literal $(, $alias:literal)* $(,)? ) ),+ $(,)?
        }
    ) => {
        $crate::base::enums::labelled_enum! {
            @enum $(#[$meta])* $vis enum $name { $( $(#[$vmeta])* $variant ( $key, $label $(, $alias)* ) ),+ }
        }
        impl $name {
            /// By stored string, label or another accepted word (trimmed).
            pub fn parse(s: &str) -> Option<$name> {
                $name::find(s)
            }
        }
    };
    (
        @enum $(#[$meta:meta])* $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident ( $key:literal, $label:literal $(, $alias:literal)* ) ),+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $key)] $variant, )+
        }
        // Not every enum uses every generated item.
        #[allow(dead_code)]
        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];
            /// Every (stored string, label), in declaration order: what a kind
            /// declares for the change log ([`crate::sheets::kind::Kind::values`]).
            pub const PAIRS: &'static [(&'static str, &'static str)] = &[$(($key, $label)),+];
            /// The stored string (also its serde name).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $key, )+
                }
            }
            /// The Chinese label shown to the user.
            pub const fn label(self) -> &'static str {
                match self {
                    $( $name::$variant => $label, )+
                }
            }
            /// By stored string, label or another accepted word (trimmed).
            pub fn find(s: &str) -> Option<$name> {
                let s = s.trim();
                $(
                    if s == $key || s == $label $(|| s == $alias)* {
                        return Some($name::$variant);
                    }
                )+
                None
            }
            /// The labels, "、"-separated, for messages.
            pub fn labels() -> String {
                $name::ALL.map(|v| v.label()).join("、")
            }
        }
    };
}

pub(crate) use labelled_enum;

#[cfg(test)]
mod tests {
    labelled_enum! {
        #[derive(PartialOrd, Ord)]
        enum Colour: "colour", "颜色" {
            Red("red", "红", "红色"),
            Light("light_blue", "浅蓝"),
        }
    }
    labelled_enum! {
        enum Side {
            Left("left", "左", ""),
            Right("right", "右"),
        }
    }

    #[test]
    fn one_line_per_variant_gives_names_labels_order_and_parsing() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::Light]);
        assert_eq!(Colour::Light.as_str(), "light_blue");
        assert_eq!(
            serde_json::to_string(&Colour::Light).unwrap(),
            "\"light_blue\""
        );
        assert_eq!(
            serde_json::from_str::<Colour>("\"light_blue\"").unwrap(),
            Colour::Light
        );
        assert!(Colour::Red < Colour::Light);
        for s in ["red", " 红 ", "红色"] {
            assert_eq!(Colour::parse(s).unwrap(), Colour::Red, "{s}");
        }
        let e = Colour::parse("绿").unwrap_err();
        assert_eq!(e.field(), Some("colour"));
        assert_eq!(e.to_string(), "颜色“绿”无法识别，可填：红、浅蓝。");
        assert_eq!(
            Colour::parse(" ").unwrap_err().to_string(),
            "请填写颜色（可选：红、浅蓝）。"
        );
        assert_eq!(Side::parse(""), Some(Side::Left), "an empty alias");
        assert_eq!(Side::parse("右"), Some(Side::Right));
        assert_eq!(Side::parse("上"), None);
        assert_eq!(Side::ALL.map(Side::as_str), ["left", "right"]);
        assert_eq!(Side::labels(), "左、右");
    }
}
