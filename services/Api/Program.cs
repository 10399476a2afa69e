using MediaMonitor.Api;
using MediaMonitor.ServiceDefaults;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddApi();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApi();
await app.RunAsync();
return 0;
