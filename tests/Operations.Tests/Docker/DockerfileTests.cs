using MediaMonitor.Operations.Tests.Kubernetes;

namespace MediaMonitor.Operations.Tests.Docker;

public sealed class DockerfileTests
{
    /// <summary>Image name (Dockerfile deploy/docker/&lt;name&gt;.Dockerfile) and the project it must build.</summary>
    public static TheoryData<string, string> Images()
    {
        var data = new TheoryData<string, string>();
        foreach (var service in BoundConfiguration.Services)
        {
            data.Add(service.Deployment, service.Project);
        }

        data.Add("schema-migrator", "tools/SchemaMigrator/MediaMonitor.SchemaMigrator.csproj");
        return data;
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_is_multi_stage_and_runs_as_a_non_root_user_on_a_small_runtime_image(string image, string project)
    {
        var dockerfile = Load(image);

        Assert.True(dockerfile.Stages.Count >= 2, $"{image}: one stage only");
        Assert.Contains("/dotnet/sdk", dockerfile.Build.BaseImage, StringComparison.Ordinal);
        Assert.Matches("/dotnet/(aspnet|runtime).*(chiseled|alpine|distroless)", dockerfile.Runtime.BaseImage);
        var user = Assert.Single(dockerfile.Runtime.All("USER"));
        Assert.DoesNotMatch("^(root|0)(:|$)", user);
        Assert.DoesNotContain(dockerfile.Runtime.All("RUN"), _ => true);
        Assert.NotNull(project);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_publishes_the_services_project_and_runs_its_assembly(string image, string project)
    {
        var dockerfile = Load(image);

        Assert.Contains(dockerfile.Build.All("RUN"), r => r.Contains("dotnet publish " + project, StringComparison.Ordinal));
        var entrypoint = Assert.Single(dockerfile.Runtime.All("ENTRYPOINT"));
        Assert.Equal($"[\"dotnet\", \"{ProjectGraph.AssemblyName(project)}.dll\"]", entrypoint);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_copies_every_project_the_service_references_and_the_build_settings(string image, string project)
    {
        var copied = Load(image).Build.CopiedFromContext().Select(p => p.TrimEnd('/')).ToList();

        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
        {
            Assert.Contains(file, copied);
        }

        foreach (var referenced in ProjectGraph.Closure(project))
        {
            var directory = Path.GetDirectoryName(referenced)!.Replace('\\', '/');
            Assert.True(copied.Any(c => directory == c || directory.StartsWith(c + "/", StringComparison.Ordinal)),
                $"{image}: {referenced} is referenced by {project} but its folder is never copied into the build stage");
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_takes_its_base_images_as_build_arguments_and_labels_the_runtime_with_the_git_revision(string image, string project)
    {
        var dockerfile = Load(image);

        Assert.Equal("${SDK_IMAGE}", dockerfile.Build.WrittenBaseImage);
        Assert.Equal("${RUNTIME_IMAGE}", dockerfile.Runtime.WrittenBaseImage);
        Assert.Contains("GIT_REVISION=unknown", dockerfile.Runtime.All("ARG"));
        Assert.Contains("org.opencontainers.image.revision=$GIT_REVISION", dockerfile.Runtime.All("LABEL"));
        Assert.NotNull(project);
    }

    [Fact]
    public void A_base_image_argument_without_a_default_before_the_first_FROM_is_an_error()
    {
        var error = Assert.Throws<FormatException>(() => Dockerfile.Parse("ARG OTHER=x\nFROM ${SDK_IMAGE} AS build\n"));

        Assert.Contains("SDK_IMAGE", error.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("crawler")]
    [InlineData("deduplication")]
    [InlineData("entity-tagging")]
    [InlineData("alerting")]
    [InlineData("api")]
    public void Service_image_listens_on_the_container_port_and_runs_as_the_user_Kubernetes_declares(string image)
    {
        var runtime = Load(image).Runtime;
        var manifests = Kustomize.Load("dev");
        var pod = manifests.ServiceDeployments.Single(d => d.Metadata.Name == image).Spec.Template.Spec;
        var containerPort = RenderedManifests.App(pod).Ports.Single().ContainerPort;

        var listening = new Uri(runtime.Environment()["ASPNETCORE_URLS"].Replace("+", "localhost", StringComparison.Ordinal)).Port;
        Assert.Equal(containerPort, listening);
        Assert.Equal(containerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(runtime.All("EXPOSE")));
        Assert.Equal(pod.SecurityContext.RunAsUser?.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(runtime.All("USER")));
    }

    private static Dockerfile Load(string image) =>
        Dockerfile.Parse(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "deploy", "docker", image + ".Dockerfile")));
}
