namespace SocialPrescribing.CaseManagement.Infrastructure;

/// <summary>The other services the link worker's screens use; when one is down the screen says so and carries on.</summary>
public sealed class ServiceUnavailableException(string service, Exception? inner = null)
    : Exception($"{service} did not answer.", inner);
