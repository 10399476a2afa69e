using MediaMonitor.Crawler;
using MediaMonitor.ServiceDefaults;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddCrawler();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapCrawler();
await app.RunAsync();
return 0;
