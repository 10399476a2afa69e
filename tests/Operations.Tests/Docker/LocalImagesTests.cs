namespace MediaMonitor.Operations.Tests.Docker;

/// <summary>deploy/local/images.sh builds every Dockerfile with a host-published app (APP_SOURCE=prebuilt) on a local base.</summary>
public sealed partial class LocalImagesTests
{
    private static readonly string Root = SharedData.RepositoryRoot;

    public static TheoryData<string, string> Images() => DockerfileTests.Images();

    [Theory]
    [MemberData(nameof(Images))]
    public void Images_script_publishes_the_project_each_Dockerfile_publishes(string image, string project)
    {
        var script = File.ReadAllText(Path.Combine(Root, "deploy", "local", "images.sh"));
        var map = ProjectMap().Matches(script).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        Assert.True(map.TryGetValue(image, out var published), $"images.sh does not build {image}");
        Assert.Equal(project, published);
        Assert.Contains(image, AllImages().Match(script).Groups[1].Value.Split(' '));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_takes_the_app_from_the_SDK_stage_by_default_and_from_the_context_when_prebuilt(string image, string project)
    {
        var dockerfile = Dockerfile.Parse(File.ReadAllText(Path.Combine(Root, "deploy", "docker", image + ".Dockerfile")));

        var prebuilt = Assert.Single(dockerfile.Stages, s => s.WrittenBaseImage == "scratch");
        Assert.Equal("app/ /app/", Assert.Single(prebuilt.All("COPY")));
        var chooser = Assert.Single(dockerfile.Stages, s => s.WrittenBaseImage == "${APP_SOURCE}");
        Assert.Equal("build", chooser.BaseImage);
        Assert.Contains("--from=app /app ./", dockerfile.Runtime.All("COPY"));
        Assert.NotNull(project);
    }

    [Theory]
    [InlineData("crawler", "Crawler")]
    [InlineData("deduplication", "Deduplication")]
    [InlineData("entity-tagging", "EntityTagging")]
    [InlineData("alerting", "Alerting")]
    [InlineData("api", "Api")]
    public void Service_image_health_check_runs_its_own_assembly_against_its_liveness_endpoint(string image, string assembly)
    {
        var runtime = Dockerfile.Parse(File.ReadAllText(Path.Combine(Root, "deploy", "docker", image + ".Dockerfile"))).Runtime;
        var healthcheck = Assert.Single(runtime.All("HEALTHCHECK"));
        var program = File.ReadAllText(Path.Combine(Root, "services", assembly, "Program.cs"));

        Assert.Contains($"CMD [\"dotnet\", \"MediaMonitor.{assembly}.dll\", \"--health-probe\", \"http://127.0.0.1:8080/health/live\"]", healthcheck, StringComparison.Ordinal);
        Assert.Contains("HealthProbe.IsRequested(args)", program, StringComparison.Ordinal);
        Assert.True(program.IndexOf("HealthProbe.IsRequested", StringComparison.Ordinal) < program.IndexOf("CreateBuilder", StringComparison.Ordinal),
            $"{assembly}: the probe must return before the host is built");
    }

    [GeneratedRegex(@"\[([a-z-]+)\]=((?:services|tools)/[A-Za-z]+/MediaMonitor\.[A-Za-z]+\.csproj)")]
    private static partial Regex ProjectMap();

    [GeneratedRegex(@"\nall=\(([a-z -]+)\)")]
    private static partial Regex AllImages();
}
