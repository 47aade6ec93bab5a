using System.Text;
using SamCompiler.Transform;

namespace SamCompiler.Tests.Transform;

public class Sha1Tests
{
    [Theory]
    [InlineData("", "da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1")]
    public void KnownVectors(string input, string expected)
    {
        Assert.Equal(expected, Convert.ToHexStringLower(Sha1.HashData(Encoding.ASCII.GetBytes(input))));
    }

    [Fact]
    public void AgreesWithTheFrameworkOnEveryLengthAroundTheBlockBoundaries()
    {
        var random = new Random(14);
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(System.Security.Cryptography.SHA1.HashData(data), Sha1.HashData(data));
        }

        var large = new byte[1_000_003];
        random.NextBytes(large);
        Assert.Equal(System.Security.Cryptography.SHA1.HashData(large), Sha1.HashData(large));
    }
}
