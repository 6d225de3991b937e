pub struct Analysis; pub fn analyze(_t:&str)->Analysis{Analysis}
