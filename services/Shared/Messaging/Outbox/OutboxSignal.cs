namespace SocialPrescribing.Messaging.Outbox;

/// <summary>Wakes the relay as soon as a transaction that wrote outbox rows has committed.</summary>
internal sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        // Several commits before the relay wakes need only one wake-up.
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit got there first; the relay is already due to run.
            }
        }
    }

    /// <summary>Waits for a commit, or for <paramref name="fallback"/> to pass (rows left by a crash).</summary>
    public Task<bool> WaitAsync(TimeSpan fallback, CancellationToken cancellationToken) =>
        _signal.WaitAsync(fallback, cancellationToken);
}
