using System.Numerics;
using MediaMonitor.Text;

namespace MediaMonitor.EntityTagging.Model;

/// <summary>
/// A first-order linear sequence model over BILOU labels: per-feature label weights, label transition weights, and
/// constrained Viterbi decoding (only legal BILOU sequences). Trained by PerceptronTrainer (tools/TaggerModel).
/// </summary>
public sealed class PerceptronModel
{
    private static readonly int L = Bilou.Count;

    // For each label, the labels that may precede it, in ascending order (as the loop over all labels met them).
    private static readonly int[][] Predecessors =
        [.. Enumerable.Range(0, L).Select(y => Enumerable.Range(0, L).Where(p => Bilou.Allowed(p, y)).ToArray())];

    // Feature hash to row, in this model's column of the table; row r's label weights are Weights[r * L .. r * L + L).
    private readonly FeatureRows _rows;
    private readonly int _column;

    public PerceptronModel(IReadOnlyDictionary<ulong, int> index, float[] weights, float[] transitions, string version)
        : this(new FeatureRows(index), 0, weights, transitions, version)
    {
    }

    private PerceptronModel(FeatureRows rows, int column, float[] weights, float[] transitions, string version)
    {
        _rows = rows;
        _column = column;
        Weights = weights;
        Transitions = transitions;
        Version = version;
    }

    public int FeatureCount => _rows.CountOf(_column);

    /// <summary>The feature table, shared with the other stage when both were read from one file.</summary>
    internal FeatureRows Rows => _rows;

    public float[] Weights { get; }

    /// <summary>(from + 1) * L + to; row 0 is the sentence start.</summary>
    public float[] Transitions { get; }

    public string Version { get; }

    public int[] Decode(SentenceFeatures features)
    {
        var n = features.Offsets.Count - 1;
        var emissions = new float[n * L];
        for (var i = 0; i < n; i++)
        {
            for (var k = features.Offsets[i]; k < features.Offsets[i + 1]; k++)
            {
                var row = _rows.Find(features.Hashes[k], _column);
                if (row >= 0)
                {
                    AddRow(emissions, i, row);
                }
            }
        }

        return Viterbi(emissions, n, Transitions);
    }

    /// <summary>Asks for the cache lines of weight row <paramref name="row"/> (68 bytes, two lines) without waiting for them.</summary>
    internal void PrefetchRow(int row)
    {
        CachePrefetch.Line(ref Weights[row * L]);
        CachePrefetch.Line(ref Weights[(row * L) + L - 1]);
    }

    /// <summary>Adds weight row <paramref name="row"/> to token <paramref name="i"/>'s label scores in <paramref name="emissions"/>.</summary>
    internal void AddRow(float[] emissions, int i, int row)
    {
        // Element by element, so the sums are the scalar loop's to the last bit.
        var w = Weights.AsSpan(row * L, L);
        var e = emissions.AsSpan(i * L, L);
        var y = 0;
        for (; y + Vector<float>.Count <= L; y += Vector<float>.Count)
        {
            (new Vector<float>(e[y..]) + new Vector<float>(w[y..])).CopyTo(e[y..]);
        }

        for (; y < L; y++)
        {
            e[y] += w[y];
        }
    }

    public static int[] Viterbi(float[] emissions, int n, float[] transitions)
    {
        if (n == 0)
        {
            return [];
        }

        var score = new float[n * L];
        var back = new int[n * L];
        for (var y = 0; y < L; y++)
        {
            score[y] = Bilou.Allowed(-1, y) ? transitions[y] + emissions[y] : float.NegativeInfinity;
        }

        for (var i = 1; i < n; i++)
        {
            for (var y = 0; y < L; y++)
            {
                var best = float.NegativeInfinity;
                var arg = 0;
                foreach (var p in Predecessors[y])
                {
                    var s = score[((i - 1) * L) + p] + transitions[((p + 1) * L) + y];
                    if (s > best)
                    {
                        best = s;
                        arg = p;
                    }
                }

                score[(i * L) + y] = best + emissions[(i * L) + y];
                back[(i * L) + y] = arg;
            }
        }

        var last = 0;
        var bestEnd = float.NegativeInfinity;
        for (var y = 0; y < L; y++)
        {
            var s = score[((n - 1) * L) + y];
            if (Bilou.CanEnd(y) && s > bestEnd)
            {
                bestEnd = s;
                last = y;
            }
        }

        var labels = new int[n];
        labels[n - 1] = last;
        for (var i = n - 1; i > 0; i--)
        {
            labels[i - 1] = back[(i * L) + labels[i]];
        }

        return labels;
    }

    /// <summary>Writes the model; weights as half floats, features with all-zero weights dropped, hashes delta-encoded.</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(Version);
        writer.Write(L);
        var rows = _rows.Entries(_column).Where(e => HasWeight(e.Row)).OrderBy(e => e.Hash).ToList();
        writer.Write(rows.Count);
        ulong previous = 0;
        foreach (var (hash, _) in rows)
        {
            writer.Write7BitEncodedInt64(unchecked((long)(hash - previous)));
            previous = hash;
        }

        foreach (var (_, row) in rows)
        {
            for (var y = 0; y < L; y++)
            {
                writer.Write((Half)Weights[(row * L) + y]);
            }
        }

        foreach (var t in Transitions)
        {
            writer.Write(t);
        }
    }

    public static PerceptronModel Read(BinaryReader reader)
    {
        var stage = Stage.Read(reader);
        return new PerceptronModel(new FeatureRows(stage.Hashes), 0, stage.Weights, stage.Transitions, stage.Version);
    }

    /// <summary>Reads two stages written one after the other, their feature maps as one table (<see cref="FeatureRows"/>).</summary>
    public static (PerceptronModel First, PerceptronModel Second) ReadStacked(BinaryReader reader)
    {
        var first = Stage.Read(reader);
        var second = Stage.Read(reader);
        var rows = new FeatureRows(first.Hashes, second.Hashes);
        return (new PerceptronModel(rows, 0, first.Weights, first.Transitions, first.Version),
            new PerceptronModel(rows, 1, second.Weights, second.Transitions, second.Version));
    }

    private bool HasWeight(int row)
    {
        for (var y = 0; y < L; y++)
        {
            if (Math.Abs(Weights[(row * L) + y]) > 1e-3f)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One stage as the file holds it: row r is the feature Hashes[r].</summary>
    private sealed record Stage(string Version, ulong[] Hashes, float[] Weights, float[] Transitions)
    {
        public static Stage Read(BinaryReader reader)
        {
            var version = reader.ReadString();
            if (reader.ReadInt32() != L)
            {
                throw new InvalidDataException("The model was trained for a different label set");
            }

            var count = reader.ReadInt32();
            var hashes = new ulong[count];
            ulong hash = 0;
            for (var r = 0; r < count; r++)
            {
                hash += unchecked((ulong)reader.Read7BitEncodedInt64());
                hashes[r] = hash;
            }

            var weights = new float[count * L];
            for (var k = 0; k < weights.Length; k++)
            {
                weights[k] = (float)reader.ReadHalf();
            }

            var transitions = new float[(L + 1) * L];
            for (var k = 0; k < transitions.Length; k++)
            {
                transitions[k] = reader.ReadSingle();
            }

            return new Stage(version, hashes, weights, transitions);
        }
    }
}
