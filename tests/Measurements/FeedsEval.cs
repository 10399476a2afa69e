using System.Globalization;
using MediaMonitor.Crawler.Feeds;

namespace MediaMonitor.Measurements;

/// <summary>eval feeds DIR: parses every feed file under DIR and reports ok / malformed (reason) / error (reason) per file.</summary>
public sealed class FeedsEval : IMeasurement
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(10);

    public string Verb => "eval";

    public string Kind => "feeds";

    public async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: eval feeds DIR");
            return 2;
        }

        var root = Path.GetFullPath(args[0]);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !IsMetadataFile(f))
            .Order(StringComparer.Ordinal)
            .ToList();
        int ok = 0, malformed = 0, errors = 0, crashes = 0, hangs = 0;
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file);
            var bytes = await File.ReadAllBytesAsync(file);
            var uri = new Uri("http://feeds.example/" + relative.Replace('\\', '/'));
            var parse = Task.Run(() => FeedParser.Parse(bytes, uri));
            try
            {
                var feed = await parse.WaitAsync(HangLimit);
                if (feed.IsMalformed)
                {
                    malformed++;
                    Console.WriteLine($"{relative}: malformed ({string.Join("; ", feed.Problems)}; {feed.Items.Count} items recovered)");
                }
                else
                {
                    ok++;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{relative}: ok ({feed.Format}, {feed.Items.Count} items)"));
                }
            }
            catch (FeedRejectedException ex)
            {
                errors++;
                Console.WriteLine($"{relative}: error ({ex.Message})");
            }
            catch (TimeoutException)
            {
                hangs++;
                Console.WriteLine($"{relative}: hang (no result within {HangLimit.TotalSeconds:0}s)");
            }
            catch (Exception ex)
            {
                crashes++;
                Console.WriteLine($"{relative}: crash ({ex.GetType().Name}: {ex.Message})");
            }
        }

        Console.WriteLine($"feeds: files={files.Count} ok={ok} malformed={malformed} errors={errors} crashes={crashes} hangs={hangs}");
        return crashes + hangs == 0 ? 0 : 1;
    }

    private static bool IsMetadataFile(string path)
    {
        var name = Path.GetFileName(path);
        return name is "INDEX.tsv" or "SOURCE.txt" or "EXPECTED_ASSERTIONS.tsv" || name.StartsWith("LICENSE", StringComparison.Ordinal)
            || name.StartsWith("README", StringComparison.Ordinal) || name.StartsWith('.');
    }
}
