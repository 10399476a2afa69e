namespace MediaMonitor.TestSupport;

/// <summary>Waits for an asynchronous pipeline to reach a state, failing with the last observation when it does not.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> observe, Func<T, bool> done, TimeSpan timeout, string what, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await observe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for {what}; last observed: {(describe is null ? last?.ToString() : describe(last))}");
            }

            await Task.Delay(100);
        }
    }
}
