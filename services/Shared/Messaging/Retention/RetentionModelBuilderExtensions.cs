using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace SocialPrescribing.Messaging.Retention;

public static class RetentionModelBuilderExtensions
{
    /// <summary>Adds <c>retention_runs</c> (what each run of the retention job removed) to a service's model.</summary>
    public static ModelBuilder AddRetentionRuns(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<RetentionRun>(b =>
        {
            b.ToTable("retention_runs");
            b.Property(r => r.Id).UseIdentityAlwaysColumn();
            b.HasIndex(r => r.AsOf);
            b.Property(r => r.Removed).HasColumnType("jsonb").HasConversion(
                removed => JsonSerializer.Serialize(removed, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<Dictionary<string, int>>(json, JsonSerializerOptions.Web)!);
            b.Property(r => r.Problems).HasColumnType("jsonb").HasConversion(
                problems => JsonSerializer.Serialize(problems, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<List<string>>(json, JsonSerializerOptions.Web)!);
        });
        return modelBuilder;
    }
}
