using MediaMonitor.Api;
using MediaMonitor.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddApi();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApi();
app.Run();
