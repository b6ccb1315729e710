fn main() {
    hailong_frontend::citizen::mount();
}
