using MediaMonitor.Alerting;
using MediaMonitor.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddAlerting();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAlerting();
app.Run();
