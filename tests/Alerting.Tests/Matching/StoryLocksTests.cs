namespace MediaMonitor.Alerting.Tests.Matching;

public sealed class StoryLocksTests
{
    [Fact]
    public async Task A_second_copy_of_a_story_waits_for_the_first_to_finish()
    {
        var locks = new StoryLocks();
        var story = Guid.NewGuid();

        var first = await locks.EnterAsync(story, CancellationToken.None);
        var second = locks.EnterAsync(story, CancellationToken.None);

        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second).Dispose();
        Assert.Equal(0, locks.Held);
    }

    [Fact]
    public async Task Another_story_does_not_wait()
    {
        var locks = new StoryLocks();

        using var first = await locks.EnterAsync(Guid.NewGuid(), CancellationToken.None);
        var other = locks.EnterAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.True(other.IsCompleted);
        (await other).Dispose();
        Assert.Equal(1, locks.Held);
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_turn_to_the_next_copy()
    {
        var locks = new StoryLocks();
        var story = Guid.NewGuid();
        var first = await locks.EnterAsync(story, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = locks.EnterAsync(story, cancel.Token);
        var third = locks.EnterAsync(story, CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(third.IsCompleted);
        first.Dispose();
        first.Dispose();
        (await third).Dispose();
        Assert.Equal(0, locks.Held);
    }
}
