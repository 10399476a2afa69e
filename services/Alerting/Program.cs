using MediaMonitor.Alerting;
using MediaMonitor.ServiceDefaults;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddAlerting();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAlerting();
await app.RunAsync();
return 0;
