//! Longest-prefix rating within one rate card: a digit trie, so a number costs one step per
//! digit whatever the size of the card. Prefixes are digit strings, never integers.

/// One node: a child per digit (0 = none; the root is node 0 and never a child) and the
/// entry of the prefix ending here, if any.
#[derive(Debug, Clone, Copy, Default)]
struct Node {
    children: [u32; 10],
    entry: u32,
}

/// A rate card's prefixes, each carrying a value of type `T`.
#[derive(Debug, Clone)]
pub struct PrefixTable<T> {
    nodes: Vec<Node>,
    /// Entry `n` is at index `n - 1` (0 means "no entry").
    entries: Vec<(String, T)>,
}

impl<T> Default for PrefixTable<T> {
    fn default() -> Self {
        Self {
            nodes: vec![Node::default()],
            entries: Vec::new(),
        }
    }
}

impl<T> PrefixTable<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds or replaces `prefix`. A prefix that is empty or not all digits is refused.
    pub fn insert(&mut self, prefix: &str, value: T) -> Result<(), crate::lenient::PrefixError> {
        let prefix = crate::lenient::prefix(prefix)?;
        let mut node = 0usize;
        for digit in prefix.bytes().map(|b| usize::from(b - b'0')) {
            let next = self.nodes[node].children[digit];
            node = if next == 0 {
                self.nodes.push(Node::default());
                let id = self.nodes.len() - 1;
                self.nodes[node].children[digit] = id as u32;
                id
            } else {
                next as usize
            };
        }
        match self.nodes[node].entry {
            0 => {
                self.entries.push((prefix, value));
                self.nodes[node].entry = self.entries.len() as u32;
            }
            existing => self.entries[existing as usize - 1] = (prefix, value),
        }
        Ok(())
    }

    /// The longest prefix of `number` in the table, with its value. `number` is digits; a `+`
    /// in front is ignored and any other non-digit ends the match.
    pub fn longest_match(&self, number: &str) -> Option<(&str, &T)> {
        let mut node = 0usize;
        let mut best = 0u32;
        for byte in number.trim_start_matches('+').bytes() {
            if !byte.is_ascii_digit() {
                break;
            }
            let next = self.nodes[node].children[usize::from(byte - b'0')];
            if next == 0 {
                break;
            }
            node = next as usize;
            if self.nodes[node].entry != 0 {
                best = self.nodes[node].entry;
            }
        }
        (best != 0).then(|| {
            let (prefix, value) = &self.entries[best as usize - 1];
            (prefix.as_str(), value)
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.entries.iter().map(|(p, v)| (p.as_str(), v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_prefix_wins_not_the_first_or_the_cheapest() {
        let mut table = PrefixTable::new();
        table.insert("1", 0.01).unwrap();
        table.insert("1234", 0.20).unwrap();
        table.insert("12", 0.05).unwrap();
        assert_eq!(table.longest_match("1234567890123"), Some(("1234", &0.20)));
        assert_eq!(table.longest_match("1299"), Some(("12", &0.05)));
        assert_eq!(table.longest_match("+1999"), Some(("1", &0.01)));
        assert_eq!(table.longest_match("999"), None);
    }

    #[test]
    fn an_empty_prefix_is_refused_and_a_repeat_replaces() {
        let mut table = PrefixTable::new();
        assert!(table.insert("", 1).is_err());
        table.insert("44", 1).unwrap();
        table.insert("44", 2).unwrap();
        assert_eq!(table.len(), 1);
        assert_eq!(table.longest_match("4420"), Some(("44", &2)));
    }
}
