using MediaMonitor.Measurements;

// Usage: MediaMonitor.Measurements eval|bench KIND [args]. Measurements are found by reflection, one class per kind.
var measurements = typeof(IMeasurement).Assembly.GetTypes()
    .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMeasurement).IsAssignableFrom(t))
    .Select(t => (IMeasurement)Activator.CreateInstance(t)!)
    .ToList();

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: eval|bench KIND [args]");
    foreach (var m in measurements.OrderBy(m => m.Verb).ThenBy(m => m.Kind))
    {
        Console.Error.WriteLine($"  {m.Verb} {m.Kind}");
    }

    return 2;
}

var chosen = measurements.FirstOrDefault(m => m.Verb == args[0] && m.Kind == args[1]);
if (chosen is null)
{
    Console.Error.WriteLine($"unknown measurement: {args[0]} {args[1]}; known: " +
        string.Join(", ", measurements.Select(m => m.Verb + " " + m.Kind)));
    return 2;
}

return await chosen.RunAsync(args[2..]);
