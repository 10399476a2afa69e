using Xunit;

namespace MediaMonitor.TestSupport;

/// <summary>
/// The real data sets in ../shared/data beside the checkout. Tests that read them say so in their name and skip,
/// with that reason, when the folder is absent (a user's clone); CI always has it.
/// </summary>
public static class SharedData
{
    public static readonly string? Root = Locate();

    public static string SkipReason => "../shared/data is absent beside the checkout (a user's clone); this test reads the shared data sets.";

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MediaMonitor.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("MediaMonitor.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>A path inside ../shared/data; skips the calling test when the folder is absent.</summary>
    public static string PathTo(params string[] parts)
    {
        Skip.If(Root is null, SkipReason);
        return Path.Combine([Root!, .. parts]);
    }

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("MM_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
        {
            return fromEnv;
        }

        try
        {
            var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
            return Directory.Exists(candidate) ? candidate : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
