using System.IO.Compression;
using System.Text;

namespace MediaMonitor.EntityTagging.Model;

/// <summary>
/// Derives hierarchical word clusters from unlabelled text, in the spirit of Brown clusters but cheaper: each frequent
/// word gets a vector of its left and right neighbours (positive PMI, randomly projected to a few dimensions), and the
/// vectors are split recursively in two by spherical 2-means; a word's cluster is its path of left/right turns ("0110").
/// Deterministic for a seed. Only the word-to-path table is written, no text.
/// </summary>
public static class WordClusterBuilder
{
    private const int Dimensions = 96;
    private const int ContextWords = 3000;
    private const int Depth = 12;

    public static int Build(IEnumerable<IReadOnlyList<string>> sentences, string outputFile, int minCount, int seed)
    {
        var corpus = sentences.Select(s => s.Select(w => w.ToLowerInvariant()).ToArray()).ToList();
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in corpus.SelectMany(s => s))
        {
            frequency[w] = frequency.GetValueOrDefault(w) + 1;
        }

        var vocabulary = frequency.Where(kv => kv.Value >= minCount).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Key).ToList();
        var wordIndex = vocabulary.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i, StringComparer.Ordinal);
        var contexts = Math.Min(ContextWords, vocabulary.Count);

        // Context slots: left neighbour c -> c, right neighbour c -> contexts + c; the last slot pair is "rare word".
        var counts = new Dictionary<int, float>[vocabulary.Count];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = [];
        }

        var slotTotals = new double[(2 * contexts) + 2];
        double total = 0;
        foreach (var s in corpus)
        {
            for (var i = 0; i < s.Length; i++)
            {
                if (!wordIndex.TryGetValue(s[i], out var w))
                {
                    continue;
                }

                var left = i > 0 && wordIndex.TryGetValue(s[i - 1], out var l) && l < contexts ? l : contexts - 1;
                var right = i + 1 < s.Length && wordIndex.TryGetValue(s[i + 1], out var r) && r < contexts ? r : contexts - 1;
                foreach (var slot in new[] { left, contexts + right })
                {
                    counts[w][slot] = counts[w].GetValueOrDefault(slot) + 1;
                    slotTotals[slot]++;
                    total++;
                }
            }
        }

        var random = new Random(seed);
        var projection = new float[slotTotals.Length * Dimensions];
        for (var k = 0; k < projection.Length; k++)
        {
            projection[k] = random.Next(2) == 0 ? -1f : 1f;
        }

        var vectors = new float[vocabulary.Count][];
        for (var w = 0; w < vocabulary.Count; w++)
        {
            var v = new float[Dimensions];
            var wordTotal = counts[w].Values.Sum();
            foreach (var (slot, c) in counts[w])
            {
                var pmi = Math.Log(c * total / (wordTotal * slotTotals[slot]));
                if (pmi > 0)
                {
                    for (var d = 0; d < Dimensions; d++)
                    {
                        v[d] += (float)pmi * projection[(slot * Dimensions) + d];
                    }
                }
            }

            Normalise(v);
            vectors[w] = v;
        }

        var paths = new string[vocabulary.Count];
        Split(Enumerable.Range(0, vocabulary.Count).ToList(), "", vectors, paths, random);
        using var output = new GZipStream(File.Create(outputFile), CompressionLevel.SmallestSize);
        using var writer = new StreamWriter(output, new UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine("# word clusters derived from unlabelled news text (BBC News 2004-05, CoNLL-2003 train words); word path");
        for (var w = 0; w < vocabulary.Count; w++)
        {
            writer.WriteLine(vocabulary[w] + "\t" + paths[w]);
        }

        return vocabulary.Count;
    }

    private static void Split(List<int> members, string path, float[][] vectors, string[] paths, Random random)
    {
        if (path.Length >= Depth || members.Count < 8)
        {
            foreach (var m in members)
            {
                paths[m] = path.Length == 0 ? "0" : path;
            }

            return;
        }

        // Spherical 2-means, seeded with the most frequent member and the member least similar to it.
        var a = (float[])vectors[members[0]].Clone();
        var b = (float[])vectors[members.MinBy(m => Dot(vectors[m], a))].Clone();
        var side = new bool[members.Count];
        for (var iteration = 0; iteration < 8; iteration++)
        {
            var na = new float[Dimensions];
            var nb = new float[Dimensions];
            for (var k = 0; k < members.Count; k++)
            {
                var v = vectors[members[k]];
                side[k] = Dot(v, b) > Dot(v, a);
                var target = side[k] ? nb : na;
                for (var d = 0; d < Dimensions; d++)
                {
                    target[d] += v[d];
                }
            }

            Normalise(na);
            Normalise(nb);
            (a, b) = (na, nb);
        }

        var left = members.Where((_, k) => !side[k]).ToList();
        var right = members.Where((_, k) => side[k]).ToList();
        if (left.Count == 0 || right.Count == 0)
        {
            (left, right) = (members.Take(members.Count / 2).ToList(), members.Skip(members.Count / 2).ToList());
        }

        Split(left, path + "0", vectors, paths, random);
        Split(right, path + "1", vectors, paths, random);
    }

    private static float Dot(float[] x, float[] y)
    {
        var s = 0f;
        for (var d = 0; d < x.Length; d++)
        {
            s += x[d] * y[d];
        }

        return s;
    }

    private static void Normalise(float[] v)
    {
        var norm = MathF.Sqrt(Dot(v, v));
        if (norm > 0)
        {
            for (var d = 0; d < v.Length; d++)
            {
                v[d] /= norm;
            }
        }
    }
}
