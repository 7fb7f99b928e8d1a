/// The first `top` elements of two lists each ordered best first, in that order: the next of
/// `first` is taken when `precedes` puts it before the next of `second`, else the next of
/// `second`. Candidates ranked apart (two halves of a block, a snapshot and its overlay) are
/// merged so, into the list the engine gives for them together.
func mergedBestFirst<Element>(
    _ first: [Element], _ second: [Element], top: Int, by precedes: (Element, Element) -> Bool
) -> [Element] {
    var result: [Element] = []
    result.reserveCapacity(max(0, min(top, first.count + second.count)))
    var (i, j) = (0, 0)
    while result.count < top, i < first.count || j < second.count {
        if j == second.count || (i < first.count && precedes(first[i], second[j])) {
            result.append(first[i])
            i += 1
        } else {
            result.append(second[j])
            j += 1
        }
    }
    return result
}
