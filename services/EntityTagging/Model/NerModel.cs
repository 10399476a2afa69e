using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace MediaMonitor.EntityTagging.Model;

/// <summary>
/// The shipped tagger: a first-stage perceptron over local and document features, and optionally a second stage that
/// also sees the first stage's labels across the document. One gzip file holds both.
/// </summary>
public sealed class NerModel(PerceptronModel first, PerceptronModel? second, string version)
{
    private const string Magic = "MMNER2";

    public PerceptronModel First => first;

    public PerceptronModel? Second => second;

    public string Version => version;

    public int FeatureCount => first.FeatureCount + (second?.FeatureCount ?? 0);

    /// <summary>BILOU labels for each sentence of one document.</summary>
    public List<int[]> Decode(FeatureExtractor extractor, IReadOnlyList<IReadOnlyList<string>> document) =>
        second is not null && second.Rows == first.Rows ? DecodeSharingRows(extractor, document, second) : DecodeByStage(extractor, document);

    /// <summary>
    /// Stage by stage, each stage looking up every feature it sees in its own column: how a model fresh from training
    /// decodes, and what <see cref="DecodeSharingRows"/> must equal to the last bit.
    /// </summary>
    internal List<int[]> DecodeByStage(FeatureExtractor extractor, IReadOnlyList<IReadOnlyList<string>> document)
    {
        var context = extractor.DocumentContextOf(document);
        var features = document.Select(words => extractor.Extract(words, context)).ToList();
        var labels = features.Select(first.Decode).ToList();
        if (second is null)
        {
            return labels;
        }

        var history = PredictionHistory.Build(document, labels);
        return features.Select((f, s) => second.Decode(history.Augment(f, document[s], labels[s]))).ToList();
    }

    /// <summary>
    /// Both stages from one table: the second stage's features are the first stage's followed, token by token, by the
    /// history's, so one probe per base feature finds both stages' rows, and the second stage's scores carry on from
    /// the sums the base features left (added in the same order, the same floats as <see cref="DecodeByStage"/>).
    /// Decoding is bound by these lookups (the tables are larger than the caches), so this saves about half of them.
    /// </summary>
    private List<int[]> DecodeSharingRows(FeatureExtractor extractor, IReadOnlyList<IReadOnlyList<string>> document, PerceptronModel second)
    {
        var context = extractor.DocumentContextOf(document);
        var labels = new List<int[]>(document.Count);
        var secondEmissions = new List<float[]>(document.Count);
        var found = ArrayPool<(int First, int Second)>.Shared.Rent(2048);
        foreach (var words in document)
        {
            var features = extractor.Extract(words, context);
            found = LookUp(CollectionsMarshal.AsSpan(features.Hashes), found, second, firstToo: true);
            var n = words.Count;
            var firstEmissions = new float[n * Bilou.Count];
            var emissions = new float[n * Bilou.Count];
            for (var i = 0; i < n; i++)
            {
                for (var k = features.Offsets[i]; k < features.Offsets[i + 1]; k++)
                {
                    var (firstRow, secondRow) = found[k];
                    if (firstRow >= 0)
                    {
                        first.AddRow(firstEmissions, i, firstRow);
                    }

                    if (secondRow >= 0)
                    {
                        second.AddRow(emissions, i, secondRow);
                    }
                }
            }

            labels.Add(PerceptronModel.Viterbi(firstEmissions, n, first.Transitions));
            secondEmissions.Add(emissions);
        }

        var history = PredictionHistory.Build(document, labels);
        var result = new List<int[]>(document.Count);
        for (var s = 0; s < document.Count; s++)
        {
            var features = history.FeaturesOf(document[s], labels[s]);
            found = LookUp(CollectionsMarshal.AsSpan(features.Hashes), found, second, firstToo: false);
            var emissions = secondEmissions[s];
            for (var i = 0; i < document[s].Count; i++)
            {
                for (var k = features.Offsets[i]; k < features.Offsets[i + 1]; k++)
                {
                    var row = found[k].Second;
                    if (row >= 0)
                    {
                        second.AddRow(emissions, i, row);
                    }
                }
            }

            result.Add(PerceptronModel.Viterbi(emissions, document[s].Count, second.Transitions));
        }

        ArrayPool<(int First, int Second)>.Shared.Return(found);
        return result;
    }

    /// <summary>
    /// The rows of every hash, into <paramref name="found"/> (a larger one from the pool when too short). The table and the weights are
    /// larger than the caches and the hashes scattered, so each lookup would wait on memory: the slot of the hash a few
    /// places ahead and the weight rows of the one found are asked for early, and the misses overlap.
    /// </summary>
    private (int First, int Second)[] LookUp(ReadOnlySpan<ulong> hashes, (int First, int Second)[] found, PerceptronModel second, bool firstToo)
    {
        const int Ahead = 8; // 4, 16 and 32 did no better in `bench ner`
        if (found.Length < hashes.Length)
        {
            ArrayPool<(int First, int Second)>.Shared.Return(found);
            found = ArrayPool<(int First, int Second)>.Shared.Rent(hashes.Length);
        }

        var rows = first.Rows;
        for (var k = 0; k < Math.Min(Ahead, hashes.Length); k++)
        {
            rows.Prefetch(hashes[k]);
        }

        for (var k = 0; k < hashes.Length; k++)
        {
            if (k + Ahead < hashes.Length)
            {
                rows.Prefetch(hashes[k + Ahead]);
            }

            var pair = rows.FindBoth(hashes[k]);
            found[k] = pair;
            if (firstToo && pair.First >= 0)
            {
                first.PrefetchRow(pair.First);
            }

            if (pair.Second >= 0)
            {
                second.PrefetchRow(pair.Second);
            }
        }

        return found;
    }

    public void Save(string path)
    {
        using var output = new GZipStream(File.Create(path), CompressionLevel.SmallestSize);
        using var writer = new BinaryWriter(output, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(version);
        writer.Write(second is null ? 1 : 2);
        first.Write(writer);
        second?.Write(writer);
    }

    public static NerModel Load(string path)
    {
        using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new BinaryReader(new BufferedStream(input, 1 << 16), Encoding.UTF8);
        if (reader.ReadString() != Magic)
        {
            throw new InvalidDataException($"{path} is not a MediaMonitor NER model (rebuild it with deploy/local/build-tagger-data.sh model)");
        }

        var version = reader.ReadString();
        var stages = reader.ReadInt32();
        if (stages == 1)
        {
            return new NerModel(PerceptronModel.Read(reader), null, version);
        }

        var (first, second) = PerceptronModel.ReadStacked(reader);
        return new NerModel(first, second, version);
    }
}
