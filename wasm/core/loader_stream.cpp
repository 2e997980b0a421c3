// StreamLoader (loader.h): a landscape/1 file fed in pieces; LoadDataset is one piece. The text is
// read as it comes and not kept: what LoadDataset used to check on the whole text before reading
// it (its size, a byte order mark, empty text, UTF-16, a NUL byte, an HTML page) is noted as the
// pieces pass and decided at Finish in the same order, so the problems are the same whatever the
// pieces. After the reader stops (a syntax error, a limit, another format) later pieces are only
// looked at for a NUL byte (which wins over the error, as it did) and the text a message quotes.
#include "core/loader_internal.h"

#include <algorithm>
#include <cstring>

namespace ls
{

using namespace loader_detail;

namespace
{

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

LoadResult SingleProblem(ProblemKind kind, std::string message, TextPos pos)
{
    LoadResult r;
    Problem p;
    p.Kind = kind;
    p.Message = std::move(message);
    p.Line = (int)pos.Line;
    p.Column = (int)pos.Column;
    r.Problems.push_back(p);
    r.ErrorCount = 1;
    return r;
}

} // namespace

struct StreamLoader::State
{
    explicit State(const LoadOptions& options) : Options(options), H(Options, &Building), Reader(&H)
    {
        H.Reader = &Reader;
        Reader.SetMaxStringBytes(Options.MaxStringBytes);
        Reader.Begin();
    }

    void StartBody();
    void Body(const char* p, size_t n);
    void Lead(const char* p, size_t n);
    void KeepRows(const char* p, size_t n, size_t off);
    void ScanForNul(const char* p, size_t n, size_t from);

    LoadOptions Options;
    Dataset Building;
    Handler H;
    JsonReader<Handler> Reader;
    size_t Fed = 0; // every byte, the byte order mark too
    bool TooLarge = false, Finished = false;
    std::string Head; // the first bytes, until there are three: a byte order mark or not
    bool HeadDone = false, Utf16 = false;
    size_t BodyBytes = 0; // the text after the byte order mark (offsets count from its start)
    // The first byte that is not white space: whether there is one, what it is, where
    bool Solid = false;
    char FirstByte = 0;
    size_t LeadLine = 1, LeadColumn = 1;
    TextPos FirstPos;
    // Once the reader stopped: the first NUL byte after that, and the counters that place it
    bool Reading = true, Scanning = false, Nul = false;
    size_t ScanLine = 0, ScanColumn = 0;
    TextPos NulPos;
    size_t RowsKept = 0; // the rows before "columns" are copied up to here (Handler::DeferredRowsText)
};

StreamLoader::StreamLoader(const LoadOptions& options) : S(new State(options)) {}
StreamLoader::~StreamLoader() { delete S; }

void StreamLoader::Feed(std::string_view bytes)
{
    if (S->Finished)
        return;
    S->Fed += bytes.size();
    if (S->TooLarge)
        return;
    if (S->Fed > S->Options.MaxFileBytes)
    {
        S->TooLarge = true; // refused by its size alone, whatever came before
        return;
    }
    const char* p = bytes.data();
    size_t n = bytes.size();
    if (!S->HeadDone)
    {
        const size_t take = std::min(n, 3 - S->Head.size());
        S->Head.append(p, take);
        p += take, n -= take;
        if (S->Head.size() < 3)
            return;
        S->StartBody();
    }
    if (n > 0)
        S->Body(p, n);
}

// The first three bytes (or fewer: the whole text) are known.
void StreamLoader::State::StartBody()
{
    HeadDone = true;
    const unsigned char h0 = Head.size() > 0 ? (unsigned char)Head[0] : 0, h1 = Head.size() > 1 ? (unsigned char)Head[1] : 0;
    Utf16 = Head.size() >= 2 && (h0 == 0xFF || h0 == 0xFE) && h1 == (h0 ^ 1);
    if (Head == "\xEF\xBB\xBF")
        return; // a UTF-8 byte order mark is allowed (RFC 8259 lets parsers ignore it); positions count from after it
    Body(Head.data(), Head.size());
}

void StreamLoader::State::Body(const char* p, size_t n)
{
    const size_t off = BodyBytes;
    BodyBytes += n;
    if (!Solid)
        Lead(p, n);
    if (Utf16)
        return; // refused at Finish: nothing else matters
    if (Reading)
    {
        Reader.Feed(p, n);
        KeepRows(p, n, off);
        if (Reader.Status() == JsonStatus_More)
            return;
        Reading = false;
        const JsonMark stop = Reader.StopMark();
        Scanning = true;
        ScanLine = stop.Line;
        ScanColumn = stop.Offset - stop.LineStart - (stop.Cont - stop.LineStartCont) + 1;
        ScanForNul(p + (stop.Offset - off), n - (stop.Offset - off), stop.Offset);
    }
    else if (Scanning)
        Reader.Feed(p, n), ScanForNul(p, n, off); // the reader only keeps what its error message quotes
}

// White space before the first token: where that token is (for "this looks like an HTML page").
void StreamLoader::State::Lead(const char* p, size_t n)
{
    for (size_t i = 0; i < n; i++)
    {
        if (!IsJsonSpace(p[i]))
        {
            Solid = true;
            FirstByte = p[i];
            FirstPos = TextPos{ (uint32_t)LeadLine, (uint32_t)LeadColumn };
            return;
        }
        if (p[i] == '\n')
            LeadLine++, LeadColumn = 1;
        else
            LeadColumn++;
    }
}

// "rows" before "columns": the handler says where they are; their text is copied as it passes.
void StreamLoader::State::KeepRows(const char* p, size_t n, size_t off)
{
    if (!H.DeferredRowsFound)
        return;
    const size_t begin = std::max(std::max(H.DeferredRowsBegin, RowsKept), off);
    const size_t end = H.DeferringRows() ? off + n : H.DeferredRowsEnd;
    if (end > begin)
    {
        H.DeferredRowsText.append(p + (begin - off), end - begin);
        RowsKept = end;
    }
}

// p[0, n) starts at offset `from`, placed by ScanLine:ScanColumn.
void StreamLoader::State::ScanForNul(const char* p, size_t n, size_t from)
{
    (void)from;
    const char* nul = (const char*)memchr(p, 0, n);
    const char* end = nul ? nul : p + n;
    const char* line_start = p;
    for (const char* q = p; q < end; q++)
        if (*q == '\n')
            ScanLine++, line_start = q + 1, ScanColumn = 1;
    if (line_start != p)
        ScanColumn = 1;
    for (const char* q = line_start; q < end; q++)
        if (((unsigned char)*q & 0xC0) != 0x80)
            ScanColumn++;
    if (nul)
    {
        Nul = true;
        Scanning = false;
        NulPos = TextPos{ (uint32_t)ScanLine, (uint32_t)ScanColumn };
    }
}

bool StreamLoader::Failed() const
{
    if (S->TooLarge || S->Utf16 || S->Nul)
        return true;
    if (S->Reading)
        return false;
    return S->Reader.Status() == JsonStatus_Stopped || (S->Reader.Status() == JsonStatus_Error && S->Reader.ErrorTextComplete());
}

size_t StreamLoader::BytesFed() const { return S->Fed; }

LoadResult StreamLoader::Finish(Dataset* out)
{
    if (S->Finished)
        return SingleProblem(ProblemKind_Syntax, "the load was already finished", TextPos());
    S->Finished = true;
    if (S->TooLarge)
        return SingleProblem(ProblemKind_Limit, "the file is larger than " + Thousands(S->Options.MaxFileBytes >> 20) + " MiB (the limit)", TextPos());
    if (!S->HeadDone)
        S->StartBody(); // a text of fewer than three bytes
    const bool parsed = S->Reader.Finish() == JsonStatus_Done;
    const TextPos start{ 1, 1 };
    if (!S->Solid)
        return SingleProblem(ProblemKind_Syntax, S->BodyBytes == 0 ? "the file is empty" : "the file holds only white space", start);
    if (S->Utf16)
        return SingleProblem(ProblemKind_Syntax, "this file is UTF-16 text; save it as UTF-8", start);
    if (S->Nul) // a NUL byte usually means UTF-16 or binary data, and C-string consumers would drop the rest
        return SingleProblem(ProblemKind_Syntax, "the text contains a NUL byte (is it UTF-16 text or a binary file?)", S->NulPos);
    if (S->FirstByte == '<')
        return SingleProblem(ProblemKind_Syntax, "this looks like an HTML page, not JSON (a login or error page?)", S->FirstPos);
    return FinishLoad(S->H, S->Reader, parsed, S->BodyBytes, &S->Building, out);
}

LoadResult LoadDataset(std::string_view text, Dataset* out, const LoadOptions& options)
{
    StreamLoader loader(options);
    loader.Feed(text);
    return loader.Finish(out);
}

} // namespace ls
