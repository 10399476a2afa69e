namespace MediaMonitor.Measurements.Dedup;

/// <summary>../shared/data beside the checkout (or MM_SHARED_DATA): the real data sets, read at run time, never copied.</summary>
public static class SharedDataFolder
{
    public static string PathTo(string name)
    {
        var fromEnv = Environment.GetEnvironmentVariable("MM_SHARED_DATA");
        var root = !string.IsNullOrEmpty(fromEnv) ? fromEnv : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); root is null && dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MediaMonitor.sln")))
            {
                root = Path.Combine(dir.FullName, "..", "shared", "data");
            }
        }

        var path = Path.GetFullPath(Path.Combine(root ?? ".", name));
        return Directory.Exists(path) ? path : throw new DirectoryNotFoundException($"{path} not found: the shared data sets sit in ../shared/data beside the checkout (or set MM_SHARED_DATA).");
    }
}
