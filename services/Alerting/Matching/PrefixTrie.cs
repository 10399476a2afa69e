namespace MediaMonitor.Alerting.Matching;

/// <summary>Stored prefixes in a character trie: one walk along a word finds every stored prefix of it, without hashing.</summary>
internal sealed class PrefixTrie
{
    private readonly Node _root = new();

    public bool IsEmpty { get; private set; } = true;

    public void Add(string prefix, int id)
    {
        var node = _root;
        foreach (var c in prefix)
        {
            node.Children ??= [];
            if (!node.Children.TryGetValue(c, out var child))
            {
                child = new Node();
                node.Children[c] = child;
            }

            node = child;
        }

        node.Ids.Add(id);
        IsEmpty = false;
    }

    /// <summary>Adds the ids of every stored prefix of the word (including the word itself).</summary>
    public void Collect(ReadOnlySpan<char> word, List<int> found)
    {
        var node = _root;
        foreach (var c in word)
        {
            if (node.Children is null || !node.Children.TryGetValue(c, out node))
            {
                return;
            }

            if (node.Ids.Count > 0)
            {
                found.AddRange(node.Ids);
            }
        }
    }

    private sealed class Node
    {
        public Dictionary<char, Node>? Children { get; set; }

        public List<int> Ids { get; } = [];
    }
}
