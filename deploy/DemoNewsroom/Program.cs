using System.Globalization;
using MediaMonitor.DemoNewsroom;

// The demo newsroom as a process (deploy/local/up.sh):
//   --urls http://127.0.0.1:PORT        default http://127.0.0.1:55430
//   --published-at 2026-11-29T08:00:00Z when the story's first copy appeared (default: ten minutes ago); up.sh keeps it
//                                       across restarts so the same articles keep the same URLs.
var urls = "http://127.0.0.1:55430";
var publishedAt = DateTimeOffset.UtcNow.AddMinutes(-10);
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--urls":
            urls = args[i + 1];
            break;
        case "--published-at":
            publishedAt = DateTimeOffset.Parse(args[i + 1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            break;
    }
}

await using var server = await NewsroomServer.StartAsync(NewsroomContent.Create(publishedAt), urls);
Console.WriteLine($"Demo newsroom on {server.BaseAddress}, story first published {publishedAt:O}");
foreach (var feed in server.FeedUrls)
{
    Console.WriteLine($"Feed: {feed}");
}

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
{
    ctx.Cancel = true;
    stop.TrySetResult();
});
await stop.Task;
