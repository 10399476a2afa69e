using System.Xml.Linq;

namespace MediaMonitor.Operations.Tests.Docker;

/// <summary>Project files and what they reference, read from the csproj files themselves.</summary>
public static class ProjectGraph
{
    /// <summary>The project and every project it references, transitively, as paths relative to the repository root.</summary>
    public static IReadOnlySet<string> Closure(string project)
    {
        var root = SharedData.RepositoryRoot;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(Path.Combine(root, project))]);
        while (pending.TryPop(out var file))
        {
            if (!seen.Add(Path.GetRelativePath(root, file)))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(file).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, include)));
            }
        }

        return seen;
    }

    /// <summary>The assembly a project builds: its AssemblyName property, else the project file name.</summary>
    public static string AssemblyName(string project)
    {
        var document = XDocument.Load(Path.Combine(SharedData.RepositoryRoot, project));
        return document.Descendants("AssemblyName").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(project);
    }
}
