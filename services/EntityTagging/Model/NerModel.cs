using System.IO.Compression;
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
    public List<int[]> Decode(FeatureExtractor extractor, IReadOnlyList<IReadOnlyList<string>> document)
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
        var first = PerceptronModel.Read(reader);
        var second = stages > 1 ? PerceptronModel.Read(reader) : null;
        return new NerModel(first, second, version);
    }
}
