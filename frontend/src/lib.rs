pub mod citizen { pub fn mount() {} }
